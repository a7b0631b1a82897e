#!/usr/bin/env python3
"""Makes a .docx the way a clerk's Word does, with python-docx: paragraphs, and tables whose
merged cells are made with cell.merge (so w:gridSpan, w:vMerge and w:tblGrid are python-docx's,
not ours). Used by tests/unit/docx_python_test.cpp.

Usage: clerk_docx.py SPEC.tsv OUT.docx
SPEC lines (tab-separated):  P <text>          a paragraph
                             T <rows> <cols>    a table
                             C <row> <col> <rowspan> <colspan> <text>   a cell of the last table
In <text>, "\\n" is a line break inside the cell (a second paragraph).
"""
import sys

import docx


def main(spec_path, out_path):
    document = docx.Document()
    table = None
    with open(spec_path, encoding="utf-8") as spec:
        for line in spec:
            fields = line.rstrip("\n").split("\t")
            kind = fields[0]
            if kind == "P":
                document.add_paragraph(fields[1])
                table = None
            elif kind == "T":
                table = document.add_table(rows=int(fields[1]), cols=int(fields[2]))
                table.style = "Table Grid"
            elif kind == "C":
                r, c, rs, cs = (int(x) for x in fields[1:5])
                cell = table.cell(r, c)
                if rs > 1 or cs > 1:
                    cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
                lines = fields[5].split("\\n")
                cell.text = lines[0]
                for more in lines[1:]:
                    cell.add_paragraph(more)
    document.save(out_path)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
