#!/usr/bin/env python3
"""Writes hostile .docx files, each named for the attack it carries, into OUT_DIR, for
tests/e2e/hostile_reports_test.cpp. Everything streams: no file needs its inflated size in memory.

Usage: hostile_docx.py OUT_DIR

  bomb-lying-header.docx   document.xml inflates to 1 GiB of spaces, its headers declare 1 KiB
  bomb-truthful.docx       document.xml of 400 MiB, its headers say so
  dotdot-member.docx       a member named ../../etc/cron.d/x
  dtd.docx                 document.xml with a DOCTYPE and an entity (billion laughs)
  nested-table.docx        a table inside a cell of a statutory table
  nested-50-deep.docx      tables inside table cells, 50 deep
  rows-10001.docx          a table of 10,001 rows
  rows-10000.docx          the requests table's labels followed by 10,000 rows of junk
"""
import os
import struct
import sys
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>')
TITLE = '<w:p><w:r><w:t>丰城市发展和改革委员会2025年政府信息公开工作年度报告</w:t></w:r></w:p>'


def p(text):
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % text


def tc(text):
    return '<w:tc>%s</w:tc>' % p(text)


def package(path, document_writer, extra=()):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('_rels/.rels', RELS)
        for name, data in extra:
            z.writestr(name, data)
        with z.open('word/document.xml', 'w', force_zip64=True) as out:
            document_writer(out)


def document(body):
    def write(out):
        out.write(('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s%s<w:sectPr/></w:body></w:document>'
                   % (W, TITLE, body)).encode())
    return write


def spaces(total):
    def write(out):
        out.write(('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>' % W).encode())
        chunk = b' ' * (1 << 20)
        for _ in range(total >> 20):
            out.write(chunk)
        out.write(b'</w:body></w:document>')
    return write


def lie_about_sizes(path, member, size):
    """Rewrites the uncompressed size the local and central headers (and zip64 extras) give for member."""
    data = bytearray(open(path, 'rb').read())
    name = member.encode()
    for sig, size_at, name_len_at, extra_len_at, header_len in ((b'PK\x03\x04', 22, 26, 28, 30), (b'PK\x01\x02', 24, 28, 30, 46)):
        at = data.find(sig)
        while at >= 0:
            name_len, extra_len = struct.unpack_from('<HH', data, at + name_len_at)
            if data[at + header_len:at + header_len + name_len] == name:
                struct.pack_into('<I', data, at + size_at, size)
                extra = at + header_len + name_len
                end = extra + extra_len
                while extra + 4 <= end:  # the zip64 extra field holds the real sizes
                    tag, length = struct.unpack_from('<HH', data, extra)
                    if tag == 1 and length >= 8:
                        struct.pack_into('<Q', data, extra + 4, size)
                        if sig == b'PK\x03\x04':
                            struct.pack_into('<I', data, at + size_at, 0xFFFFFFFF)
                    extra += 4 + length
            at = data.find(sig, at + 4)
    open(path, 'wb').write(bytes(data))


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    j = lambda name: os.path.join(out_dir, name)

    package(j('bomb-lying-header.docx'), spaces(1 << 30))
    lie_about_sizes(j('bomb-lying-header.docx'), 'word/document.xml', 1024)
    package(j('bomb-truthful.docx'), spaces(400 << 20))

    package(j('dotdot-member.docx'), document(p('一、总体情况')), extra=[('../../etc/cron.d/x', '* * * * * root true')])

    lol = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">' + ''.join(
        '<!ENTITY %s "%s">' % (chr(ord('b') + i), ('&%s;' % chr(ord('a') + i)) * 10) for i in range(8)) + ']>'
    with zipfile.ZipFile(j('dtd.docx'), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('_rels/.rels', RELS)
        z.writestr('word/document.xml', '<?xml version="1.0" encoding="UTF-8"?>' + lol +
                   '<w:document %s><w:body>%s%s</w:body></w:document>' % (W, TITLE, p('&i;')))

    inner = '<w:tbl><w:tr>%s%s</w:tr></w:tbl>' % (tc('自然人'), tc('3'))
    nested = '<w:tbl><w:tr>%s%s</w:tr><w:tr>%s<w:tc>%s%s</w:tc></w:tr></w:tbl>' % (
        tc('一、本年新收政府信息公开申请数量'), tc('总计'), tc('二、上年结转政府信息公开申请数量'), inner, p(''))
    package(j('nested-table.docx'), document(p('三、收到和处理政府信息公开申请情况') + nested))
    deep = p('x')
    for _ in range(50):
        deep = '<w:tbl><w:tr><w:tc>%s</w:tc></w:tr></w:tbl>%s' % (deep, p(''))
    package(j('nested-50-deep.docx'), document(p('三、收到和处理政府信息公开申请情况') + deep))

    def rows(n, first):
        def write(out):
            out.write(('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s%s<w:tbl>%s'
                       % (W, TITLE, p('三、收到和处理政府信息公开申请情况'), first)).encode())
            row = ('<w:tr>%s%s%s</w:tr>' % (tc('某某事项'), tc('1'), tc('2'))).encode()
            for _ in range(n):
                out.write(row)
            out.write(b'</w:tbl><w:sectPr/></w:body></w:document>')
        return write

    package(j('rows-10001.docx'), rows(10001, ''))
    header = '<w:tr>%s%s%s</w:tr>' % (tc('一、本年新收政府信息公开申请数量'), tc('自然人'), tc('总计'))
    package(j('rows-10000.docx'), rows(9999, header))


if __name__ == '__main__':
    main(sys.argv[1])
