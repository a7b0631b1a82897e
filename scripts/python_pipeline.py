#!/usr/bin/python3
"""The Python pipeline that README's 规模 section compares nianbao against (issue 17): what a
short script with the usual libraries does for the same input folder, validating nothing.
Lists the folder, parses every submission with lxml, sums every figure table × row × column,
writes the statutory tables to an .xlsx with XlsxWriter and a short report .docx with docxtpl
(from a simple template it makes with python-docx). No check of any kind: no rule, no total,
no roster, no encoding or duplicate handling, no per-agency sheet or CSV.
    scripts/python_pipeline.py INPUT_DIR OUTPUT_DIR [TEMPLATES_DIR]
Debian packages: python3-lxml python3-xlsxwriter python3-docxtpl (scripts/setup.sh --test).
"""
import os
import sys
import tempfile

import docx
import xlsxwriter
from docxtpl import DocxTemplate
from lxml import etree


def read_format(path):
    """The tables of format.xml: id, title, columns (id, label, money?) and rows (id, label, columns)."""
    root = etree.parse(path).getroot()
    tables = []
    for t in root.iter("table"):
        columns = [(c.get("id"), c.get("label"), c.get("type") == "money") for c in t.find("columns").iter("column")]
        all_columns = [c[0] for c in columns]
        rows = []
        for r in t.find("rows").iter("row"):
            rows.append((r.get("id"), r.get("label"), (r.get("columns") or " ".join(all_columns)).split()))
        tables.append({"id": t.get("id"), "title": t.get("title"), "columns": columns, "rows": rows})
    return tables


def sum_submissions(input_dir):
    """Every figure summed over the submissions of input_dir: {(table, row, column): total}."""
    totals = {}
    agencies = 0
    for folder, _, names in os.walk(input_dir):
        for name in names:
            if not name.endswith(".xml"):
                continue
            root = etree.parse(os.path.join(folder, name)).getroot()
            if root.tag != "submission":
                continue
            agencies += 1
            for table in root.iterfind("table"):
                tid = table.get("id")
                for row in table.iterfind("row"):
                    rid = row.get("id")
                    for col, text in row.attrib.items():
                        if col == "id":
                            continue
                        key = (tid, rid, col)
                        value = float(text) if "." in text else int(text)
                        totals[key] = totals.get(key, 0) + value
    return totals, agencies


def write_workbook(path, tables, totals):
    book = xlsxwriter.Workbook(path)
    bold = book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True})
    cell = book.add_format({"border": 1})
    money = book.add_format({"border": 1, "num_format": "0.0000"})
    for t in tables:
        sheet = book.add_worksheet(t["id"])
        sheet.merge_range(0, 0, 0, len(t["columns"]), t["title"], bold)
        sheet.write(1, 0, "", bold)
        for c, (_, label, _) in enumerate(t["columns"], start=1):
            sheet.write(1, c, label, bold)
        for r, (rid, label, row_columns) in enumerate(t["rows"], start=2):
            sheet.write(r, 0, label, cell)
            for c, (cid, _, is_money) in enumerate(t["columns"], start=1):
                if cid in row_columns:
                    sheet.write_number(r, c, totals.get((t["id"], rid, cid), 0), money if is_money else cell)
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, len(t["columns"]), 14)
    book.close()


def make_template(path, tables):
    """A simple docxtpl template: a title, a sentence with the key totals, one table per statutory table."""
    d = docx.Document()
    d.add_heading("{{ title }}", level=1)
    d.add_paragraph("本年度共汇总 {{ agencies }} 个单位的报送数据，新收政府信息公开申请 {{ new_requests }} 件。")
    for i, t in enumerate(tables):
        d.add_heading(t["title"], level=2)
        table = d.add_table(rows=3, cols=len(t["columns"]) + 1)
        table.style = "Table Grid"
        table.cell(0, 0).text = "项目"
        for c, (_, label, _) in enumerate(t["columns"], start=1):
            table.cell(0, c).text = label
        table.cell(1, 0).text = "{%%tr for row in tables[%d] %%}" % i
        table.cell(2, 0).text = "{{ row.label }}"
        for c in range(1, len(t["columns"]) + 1):
            table.cell(2, c).text = "{{ row.figures[%d] }}" % (c - 1)
        table.add_row().cells[0].text = "{%tr endfor %}"
    d.save(path)


def write_document(path, template, tables, totals, agencies):
    context = {"title": "政府信息公开工作年度报告（汇总）", "agencies": agencies,
               "new_requests": totals.get(("requests", "new", "total"), 0), "tables": []}
    for t in tables:
        rows = []
        for rid, label, row_columns in t["rows"]:
            values = [round(totals.get((t["id"], rid, cid), 0), 4) if cid in row_columns else "" for cid, _, _ in t["columns"]]
            rows.append({"label": label, "figures": values})
        context["tables"].append(rows)
    doc = DocxTemplate(template)
    doc.render(context)
    doc.save(path)


def main():
    if len(sys.argv) < 3:
        sys.exit("用法：python_pipeline.py 输入目录 输出目录 [模板目录]")
    input_dir, output_dir = sys.argv[1], sys.argv[2]
    templates = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), "..", "templates")
    os.makedirs(output_dir, exist_ok=True)
    tables = read_format(os.path.join(templates, "xxgk-2021", "format.xml"))
    totals, agencies = sum_submissions(input_dir)
    write_workbook(os.path.join(output_dir, "汇总.xlsx"), tables, totals)
    with tempfile.TemporaryDirectory() as tmp:
        template = os.path.join(tmp, "template.docx")
        make_template(template, tables)
        write_document(os.path.join(output_dir, "汇总.docx"), template, tables, totals, agencies)
    print(f"{agencies} 个单位")


if __name__ == "__main__":
    main()
