#!/usr/bin/python3
"""Renders pandoc's JSON AST (on stdin) as a two-column PDF with reportlab.

Used by scripts/doc-fixtures.sh: a real PDF writer lays out the text, with a running header
(the title) and a footer with the page number on every page, narrow hyphenated columns
(pyphen), headings in a larger size and the table as a reportlab Table. The document
properties (title, author, creation date) are set from the Markdown metadata.

usage: pandoc -t json source.md | doc-pdf-columns.py OUT.pdf [--repeat N] [--page a6|a4]
"""

import datetime
import json
import os
import sys
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph,
                                Table, TableStyle)


def inlines(items):
    out = []
    for item in items:
        kind, content = item["t"], item.get("c")
        if kind == "Str":
            out.append(escape(content))
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind == "Emph":
            out.append("<i>" + inlines(content) + "</i>")
        elif kind == "Strong":
            out.append("<b>" + inlines(content) + "</b>")
        elif kind == "Quoted":
            out.append('"' + inlines(content[1]) + '"')
        elif kind in ("Code",):
            out.append(escape(content[1]))
        elif kind in ("Link", "Span"):
            out.append(inlines(content[1]))
    return "".join(out)


def meta_text(value):
    if value is None:
        return ""
    if value["t"] == "MetaInlines":
        return inlines(value["c"])
    if value["t"] == "MetaList":
        return "; ".join(meta_text(v) for v in value["c"])
    if value["t"] == "MetaString":
        return value["c"]
    return ""


def cell_text(cell):
    # pandoc >= 2.10: Cell = [attr, alignment, rowspan, colspan, [blocks]]
    return " ".join(inlines(b["c"]) for b in cell[4] if b["t"] in ("Plain", "Para"))


def table_rows(content):
    _attr, _caption, _specs, head, bodies, _foot = content
    rows = [[cell_text(c) for c in row[1]] for row in head[1]]
    for body in bodies:
        rows += [[cell_text(c) for c in row[1]] for row in body[3]]
    return rows


def flowables(blocks, styles):
    body, heading, bullet = styles["body"], styles["heading"], styles["bullet"]
    out = []
    for block in blocks:
        kind, content = block["t"], block.get("c")
        if kind in ("Para", "Plain"):
            out.append(Paragraph(inlines(content), body))
        elif kind == "Header":
            out.append(Paragraph(inlines(content[2]), heading))
        elif kind in ("BulletList", "OrderedList"):
            items = content if kind == "BulletList" else content[1]
            for item in items:
                text = " ".join(inlines(b["c"]) for b in item if b["t"] in ("Plain", "Para"))
                out.append(Paragraph(text, bullet, bulletText="\u2022"))
        elif kind == "Table":
            rows = [[Paragraph(c, styles["cell"]) for c in r] for r in table_rows(content)]
            table = Table(rows, hAlign="LEFT")
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(table)
    return out


def main():
    out_path = sys.argv[1]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    # A short page (A6 width, 74 mm high): the short text runs over several pages.
    page = A4 if "--page" in sys.argv and sys.argv[sys.argv.index("--page") + 1] == "a4" else (A6[0], 74 * mm)
    doc = json.load(sys.stdin)
    meta = doc["meta"]
    title = meta_text(meta.get("title"))
    # The document's date as the PDF's creation date (reportlab honours SOURCE_DATE_EPOCH,
    # which also makes the file reproducible).
    try:
        day = datetime.date.fromisoformat(meta_text(meta.get("date")))
        stamp = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    except ValueError:
        pass
    base = getSampleStyleSheet()
    styles = {
        "body": ParagraphStyle("body", parent=base["BodyText"], fontName="Helvetica",
                               fontSize=7, leading=8.5, spaceAfter=4, hyphenationLang="en_GB",
                               embeddedHyphenation=1, uriWasteReduce=0.3),
        "heading": ParagraphStyle("heading", parent=base["Heading2"], fontName="Helvetica-Bold",
                                  fontSize=10, leading=12, spaceBefore=4, spaceAfter=4),
        "bullet": ParagraphStyle("bullet", parent=base["BodyText"], fontName="Helvetica",
                                 fontSize=7, leading=8.5, leftIndent=7, bulletIndent=0,
                                 spaceAfter=2, hyphenationLang="en_GB"),
        "cell": ParagraphStyle("cell", parent=base["BodyText"], fontName="Helvetica",
                               fontSize=6, leading=7.5),
    }
    width, height = page
    margin, gap = 10 * mm, 5 * mm
    column = (width - 2 * margin - gap) / 2
    frames = [Frame(margin + i * (column + gap), margin, column, height - 2 * margin,
                    id=f"col{i}", leftPadding=0, rightPadding=0) for i in range(2)]

    def decorate(canvas, document):
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.drawString(margin, height - margin + 4 * mm, title)
        canvas.drawRightString(width - margin, margin - 7 * mm, f"Page {document.page}")
        canvas.restoreState()

    template = BaseDocTemplate(out_path, pagesize=page, leftMargin=margin, rightMargin=margin,
                               topMargin=margin, bottomMargin=margin, title=title,
                               author=meta_text(meta.get("author")),
                               subject="Caselens test fixture", creator="reportlab")
    template.addPageTemplates([PageTemplate(id="two", frames=frames, onPage=decorate)])
    story = []
    for _ in range(repeat):
        story += flowables(doc["blocks"], styles)
    template.build(story)


if __name__ == "__main__":
    main()
