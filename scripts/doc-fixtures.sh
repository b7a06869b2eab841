#!/usr/bin/env bash
# Documents written by real tools, for the document readers' tests (src/document/).
#
# From ONE Markdown source, tests/fixtures/documents/source.md:
#   pandoc      -> source.docx, source.odt, source.epub, source.html, source.txt
#   LibreOffice -> source.libreoffice.pdf (from the .odt)
#   reportlab   -> source.columns.pdf: two columns, a running header (the title) and a footer
#                  "Page N" on every page, words hyphenated at line ends (pyphen)
#   reportlab   -> scanned.pdf: a picture of text only, no text layer
#   qpdf        -> encrypted.pdf: source.columns.pdf under a user password
# The files are committed; run this again only after changing source.md or this script, then
# update the expected paragraphs in tests/core/documents.rs if the tools changed them.
#
#   bash scripts/doc-fixtures.sh            # the test fixtures (installs the tools if missing)
#   bash scripts/doc-fixtures.sh --speed    # also the bench inputs: a 100-page PDF and a
#                                           # 200-page .docx in benches/fixtures/documents/
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures/documents
speed=benches/fixtures/documents
py=/usr/bin/python3 # Debian's Python, where python3-reportlab is installed

need=()
command -v pandoc >/dev/null || need+=(pandoc)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v qpdf >/dev/null || need+=(qpdf)
command -v pdfinfo >/dev/null || need+=(poppler-utils)
"$py" -c 'import reportlab, pyphen, PIL' 2>/dev/null || need+=(python3-reportlab python3-pyphen python3-pil)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq "${need[@]}" fonts-dejavu-core >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# pandoc: -s so the metadata (title, authors, date) is written where each format keeps it.
for ext in docx odt epub html; do
  pandoc -s "$out/source.md" -o "$out/source.$ext"
done
# Plain text has no metadata; pandoc writes the body only.
pandoc -t plain "$out/source.md" -o "$out/source.txt"

# LibreOffice: the .odt to PDF. A private profile, so a running LibreOffice is not disturbed.
soffice --headless -env:UserInstallation="file://$work/profile" \
  --convert-to pdf --outdir "$work" "$out/source.odt" >/dev/null
mv "$work/source.pdf" "$out/source.libreoffice.pdf"

# reportlab: two columns, running header and footer, hyphenation.
pandoc -t json "$out/source.md" | "$py" scripts/doc-pdf-columns.py "$out/source.columns.pdf"
if ! pdftotext -layout "$out/source.columns.pdf" - | grep -qE '[a-z]-$'; then
  echo "doc-fixtures: source.columns.pdf has no word hyphenated at a line end" >&2
  exit 1
fi

# A "scan": a picture of a paragraph, placed on a page with no text layer.
"$py" - "$work/scan.png" "$out/scanned.pdf" <<'PY'
import sys
from PIL import Image, ImageDraw
from reportlab.pdfgen import canvas
from reportlab.lib.pagesizes import A6
image = Image.new("L", (600, 200), 255)
draw = ImageDraw.Draw(image)
for i, line in enumerate(["This page was scanned.", "It has pixels but no text layer."]):
    draw.text((20, 40 + 40 * i), line, fill=0)
image.save(sys.argv[1])
page = canvas.Canvas(sys.argv[2], pagesize=A6, invariant=1)
page.drawImage(sys.argv[1], 20, 200, width=250, height=83)
page.showPage()
page.save()
PY

# qpdf: AES-256 with a user password, so the text cannot be read without it.
qpdf --encrypt secret-user secret-owner 256 -- "$out/source.columns.pdf" "$out/encrypted.pdf"

if [ "${1:-}" = "--speed" ]; then
  mkdir -p "$speed"
  # 100 A4 pages in two columns with running headers: the source repeated.
  pandoc -t json "$out/source.md" |
    "$py" scripts/doc-pdf-columns.py "$work/long.pdf" --page a4 --repeat 485
  pages=$(pdfinfo "$work/long.pdf" | awk '/^Pages:/ {print $2}')
  echo "long.pdf: $pages pages"
  mv "$work/long.pdf" "$speed/long.pdf"
  # 200 pages of Word: the source's sections repeated under numbered headings.
  {
    sed -n '1,7p' "$out/source.md" # the YAML metadata block
    for i in $(seq 1 239); do
      sed -n '/^# /,$p' "$out/source.md" | sed "s/^# \(.*\)/# Part $i: \1/"
      echo # a blank line: a heading must not follow a paragraph's last line directly
    done
  } >"$work/long.md"
  pandoc -s "$work/long.md" -o "$speed/long.docx"
  soffice --headless -env:UserInstallation="file://$work/profile" \
    --convert-to pdf --outdir "$work" "$speed/long.docx" >/dev/null
  echo "long.docx: $(pdfinfo "$work/long.pdf" | awk '/^Pages:/ {print $2}') pages"
fi
ls -l "$out" ${1:+"$speed"}
