#!/usr/bin/python3
"""Fills a nianbao form through its defined names, as another program would: openpyxl stores
numbers as Excel does and calculates no formula (the form's totals are left without results).

    fill_form.py FORM OUT NAME=VALUE ...

VALUE is stored as a number; "t:..." stores the text after t: (a number typed as text, or 十二);
an empty VALUE leaves the cell blank.
"""
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
for arg in sys.argv[3:]:
    name, value = arg.split('=', 1)
    (title, coord), = list(wb.defined_names[name].destinations)
    cell = wb[title][coord.replace('$', '')]
    if value.startswith('t:'):
        cell.value = value[2:]
    elif value == '':
        cell.value = None
    else:
        cell.value = float(value) if '.' in value else int(value)
wb.save(sys.argv[2])
