"""What the example generators share (gen_example_2018.py, gen_example_2025.py): hand-made XML
with 2-space indentation, the head of a submission and of report.xml, and the example folder
written afresh.  Python 3 standard library only."""

import argparse
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr


def is_zero(v):
    return Decimal(str(v)) == 0


def attrs(pairs):
    return "".join(" %s=%s" % (k, quoteattr(str(v))) for k, v in pairs)


def agency_attrs(a):
    return attrs([("code", a["code"]), ("name", a["name"]), ("kind", a["kind"])])


def section_lines(sec_id, paragraphs, title=None, indent="  "):
    head = "%s<section id=%s" % (indent, quoteattr(sec_id))
    if title:
        head += " title=%s" % quoteattr(title)
    out = [head + ">"]
    out += ["%s  <p>%s</p>" % (indent, escape(p)) for p in paragraphs]
    out.append("%s</section>" % indent)
    return out


def submission_head(format_id, year, a, contact, submitted):
    """The lines of a submission up to its tables: declaration, root, agency, contact, time."""
    return ['<?xml version="1.0" encoding="UTF-8"?>',
            '<submission format="%s" year="%d">' % (format_id, year),
            "  <agency%s/>" % agency_attrs(a),
            "  <contact%s/>" % attrs([("name", contact[0]), ("phone", contact[1])]),
            "  <submitted>%s</submitted>" % submitted]


def report_lines(format_id, year, compiler, contact, extra, agencies):
    """The lines of report.xml up to its sections: title, compiler, region, website, `contact`
    (the element as written), the `extra` lines, and the roster of `agencies`."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<report format="%s" year="%d">' % (format_id, year),
             "  <title>丰城市%d年政府信息公开工作年度报告</title>" % year,
             "  <compiler>%s</compiler>" % compiler,
             '  <region code="360981">丰城市</region>',
             "  <website>www.jxfc.gov.cn</website>",
             "  " + contact] + extra + ["  <roster>"]
    lines += ["    <agency%s/>" % agency_attrs(a) for a in agencies]
    lines.append("  </roster>")
    return lines


def submission_text(lines, highlights):
    """The submission of `lines` (its head and tables) with one highlights section per (title,
    paragraphs) of `highlights`, closed, as the text of the file."""
    for title, paras in highlights:
        lines += section_lines("highlights", paras, title)
    return "\n".join(lines + ["</submission>"]) + "\n"


def report_text(lines, sections):
    """report.xml of `lines` (report_lines) with one section per (id, paragraphs), closed."""
    for sec_id, paras in sections:
        lines += section_lines(sec_id, paras)
    return "\n".join(lines + ["</report>"]) + "\n"


def out_folder(doc, default):
    """The --out folder of the command line (`default` when not given); `doc` is the script's
    docstring, whose first line describes it."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--out", type=Path, default=default)
    return ap.parse_args().out


def contact_and_time(rng, surnames, month, first_day, days):
    """A clerk's contact (name, phone) and when the file was sent, "YYYY-MM-DDThh:mm:00+08:00"
    on one of `days` days from `first_day` of `month` ("2026-01"), drawn from `rng` in that order."""
    contact = (rng.choice(surnames) + "某", "0795-66%05d" % rng.randrange(100000))
    day = first_day + rng.randrange(days)
    hour, minute = 8 + rng.randrange(9), rng.choice([0, 10, 15, 20, 30, 40, 45, 50])
    return contact, "%s-%02dT%02d:%02d:00+08:00" % (month, day, hour, minute)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def fresh_submissions(out):
    """out/submissions, emptied of .xml files: stale files from an earlier roster would be read by
    nianbao too."""
    subdir = out / "submissions"
    if subdir.is_dir():
        for old in subdir.glob("*.xml"):
            old.unlink()
    return subdir
