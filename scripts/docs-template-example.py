#!/usr/bin/python3
"""Regenerates the worked example of docs/templates.md: edits the shipped template in an office
suite (LibreOffice Writer, driven through its UNO API, saving as Word 2007 .docx) the way a
clerk would in Word or WPS, builds the report with it, and renders the changed page.

Usage (from the repository root, after scripts/build.sh):  /usr/bin/python3 scripts/docs-template-example.py
Needs: python3-uno, libreoffice-writer-nogui, poppler-utils (Debian).
"""
import os, subprocess, sys, tempfile, time

import uno
from com.sun.star.beans import PropertyValue

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NIANBAO = os.path.join(ROOT, "build", "nianbao")
work = tempfile.mkdtemp(prefix="nianbao-docs-")
shipped = os.path.join(work, "模板.docx")
edited = os.path.join(work, "模板-修改后.docx")
subprocess.run([NIANBAO, "template", "export", "--format", "xxgk-2021", "--output", shipped], check=True,
               cwd=ROOT, stdout=subprocess.DEVNULL)

profile = "file://" + os.path.join(work, "profile")
office = subprocess.Popen(["soffice", "-env:UserInstallation=" + profile, "--headless", "--invisible", "--norestore",
                           "--accept=socket,host=127.0.0.1,port=2083;urp;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(60):
        try:
            ctx = resolver.resolve("uno:socket,host=127.0.0.1,port=2083;urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.5)
    else:
        sys.exit("LibreOffice did not start")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    hidden = PropertyValue(); hidden.Name = "Hidden"; hidden.Value = True
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(shipped), "_blank", 0, (hidden,))
    text = doc.getText()

    # 1. The clerk's edits: a sentence with figures after the heading of section 三, typed in,
    #    part of it made bold (which splits the tags into several runs when saved).
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        para = enum.nextElement()
        if para.supportsService("com.sun.star.text.Paragraph") and para.getString() == "三、收到和处理政府信息公开申请情况":
            cursor = text.createTextCursorByRange(para.getEnd())
            text.insertControlCharacter(cursor, 0, False)  # PARAGRAPH_BREAK
            cursor.setPropertyValue("ParaStyleName", "Standard")
            sentence = ("全年新收政府信息公开申请{{requests.new.total}}件，其中自然人{{requests.new.natural}}件，"
                        "占{{percent(requests.new.natural, requests.new.total, 1)}}；"
                        "{{#if requests.carried_out.total == 0}}全部按期办结。{{else}}结转下年度{{requests.carried_out.total}}件。{{/if}}")
            text.insertString(cursor, sentence, False)
            # Bold the first figure: select its tag, as a clerk selects it with the mouse.
            start = sentence.index("{{requests.new.total}}")
            sel = text.createTextCursorByRange(cursor)
            sel.gotoStartOfParagraph(False)
            sel.goRight(start, False)
            sel.goRight(len("{{requests.new.total}}"), True)
            sel.setPropertyValue("CharWeight", 150.0)  # BOLD
            break
    # 2. The title in dark red.
    enum = text.createEnumeration()
    first = enum.nextElement()
    while first.getString() != "{{title}}":
        first = enum.nextElement()
    first.setPropertyValue("CharColor", 0xC00000)

    word = PropertyValue(); word.Name = "FilterName"; word.Value = "MS Word 2007 XML"
    doc.storeToURL(uno.systemPathToFileUrl(edited), (word,))
    doc.close(True)
finally:
    office.terminate()
    office.wait()

out = os.path.join(work, "output")
subprocess.run([NIANBAO, "build", "--inputs", "examples/fengcheng-2025" if os.path.isdir(os.path.join(ROOT, "examples/fengcheng-2025")) else "inputs",
                "--output", out, "--template", edited], cwd=ROOT, stdout=subprocess.DEVNULL)
docx = [f for f in os.listdir(out) if f.endswith(".docx")][0]
subprocess.run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", "pdf", "--outdir", work,
                os.path.join(out, docx)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
pdf = os.path.join(work, docx[:-5] + ".pdf")
pages = int([l for l in subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout.splitlines()
             if l.startswith("Pages:")][0].split()[1])
for p in range(1, pages + 1):
    t = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), pdf, "-"], capture_output=True, text=True).stdout
    if "全年新收政府信息公开申请" in t:
        subprocess.run(["pdftoppm", "-f", str(p), "-l", str(p), "-r", "80", "-singlefile", "-png", pdf,
                        os.path.join(ROOT, "docs", "template-example")], check=True)
        print("docs/template-example.png: page", p)
        break
subprocess.run(["cp", edited, os.path.join(work, "kept.docx")])
print("edited template:", edited)
