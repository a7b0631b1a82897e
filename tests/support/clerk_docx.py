#!/usr/bin/env python3
"""Makes a .docx the way a clerk's Word does, with python-docx: paragraphs, and tables whose
merged cells are made with cell.merge (so w:gridSpan, w:vMerge and w:tblGrid are python-docx's,
not ours). Used by tests/unit/docx_python_test.cpp.

Usage: clerk_docx.py SPEC.tsv OUT.docx [wps]
SPEC lines (tab-separated):  P <text>          a paragraph
                             T <rows> <cols>    a table
                             C <row> <col> <rowspan> <colspan> <text>   a cell of the last table
In <text>, "\\n" is a line break inside the cell (a second paragraph).

With "wps", the document is then rewritten the way WPS Office saves one (as far as it is known
without WPS at hand): docProps/app.xml names WPS; every run carries 宋体 in its w:rPr; table
cells get w:tcW in dxa beside the w:tblGrid widths; a continued vertical merge is written
w:vMerge w:val="continue"; each character of a figure is a run of its own (WPS splits runs at
every edit) and the figures of every other row are typed with full-width digits (０-９).
"""
import re
import sys
import zipfile

import docx
from docx.oxml.ns import qn
from lxml import etree

FULL_WIDTH = {ord(d): chr(0xFF10 + int(d)) for d in "0123456789"}


def first_child(parent, tag):
    """parent's `tag` child, inserted first when it has none (rPr and tcPr must come first)."""
    child = parent.find(tag)
    if child is None:
        child = etree.Element(tag)
        parent.insert(0, child)
    return child


def wps_document(xml):
    root = etree.fromstring(xml)
    w = lambda tag: qn("w:" + tag)
    for run in root.iter(w("r")):
        rpr = first_child(run, w("rPr"))
        fonts = etree.Element(w("rFonts"))
        rpr.insert(0, fonts)
        fonts.set(w("hint"), "eastAsia")
        fonts.set(w("ascii"), "宋体")
        fonts.set(w("eastAsia"), "宋体")
    for table in root.iter(w("tbl")):
        widths = [int(c.get(w("w"))) for c in table.find(w("tblGrid")).findall(w("gridCol"))]
        for r, row in enumerate(table.findall(w("tr"))):
            col = 0
            for cell in row.findall(w("tc")):
                tcpr = first_child(cell, w("tcPr"))
                span = tcpr.find(w("gridSpan"))
                n = int(span.get(w("val"))) if span is not None else 1
                for old in tcpr.findall(w("tcW")):
                    tcpr.remove(old)
                tcw = etree.Element(w("tcW"))
                tcw.set(w("w"), str(sum(widths[col:col + n])))
                tcw.set(w("type"), "dxa")
                tcpr.insert(0, tcw)
                col += n
                vmerge = tcpr.find(w("vMerge"))
                if vmerge is not None and vmerge.get(w("val")) is None:
                    vmerge.set(w("val"), "continue")
                for run in list(cell.iter(w("r"))):
                    t = run.find(w("t"))
                    if t is None or not re.fullmatch(r"[0-9.,]+", t.text or ""):
                        continue
                    text = t.text.translate(FULL_WIDTH) if r % 2 else t.text
                    parent = run.getparent()
                    at = parent.index(run)
                    for i, ch in enumerate(text):
                        piece = etree.fromstring(etree.tostring(run))
                        piece.find(w("t")).text = ch
                        parent.insert(at + 1 + i, piece)
                    parent.remove(run)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def save_as_wps(path):
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            if info.filename == "word/document.xml":
                data = wps_document(data)
            elif info.filename == "docProps/app.xml":
                data = re.sub(rb"<Application>[^<]*</Application>", b"<Application>WPS Office_11.1.0.11664</Application>", data)
            z.writestr(info.filename, data)


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
    if sys.argv[3:] == ["wps"]:
        save_as_wps(sys.argv[2])
