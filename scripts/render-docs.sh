#!/usr/bin/env bash
# Regenerates the pictures in docs/, rendered through LibreOffice:
# - from a build of the demo (inputs/, 丰城市 2018): the first page of the document and the first
#   page of its 统计表 (README, beside the seed's text);
# - from a build of the 2025 example (examples/fengcheng-2025, or the folder given): the page of
#   the document that holds the requests table, and the requests sheet of the workbook.
# Needs: libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
build/nianbao build --inputs "${1:-examples/fengcheng-2025}" --output "$out/o" >/dev/null || true
to_pdf() {  # file dir
  local profile
  profile=$(mktemp -d)
  mkdir -p "$2"
  soffice -env:UserInstallation=file://$profile --headless --convert-to pdf --outdir "$2" "$1" >/dev/null 2>&1
  rm -rf "$profile"
  ls "$2"/*.pdf
}
pdf=$(to_pdf "$(ls "$out"/o/*.docx)" "$out/docx")
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
for p in $(seq 1 "$pages"); do
  if pdftotext -f "$p" -l "$p" "$pdf" - | grep -q "申请人情况"; then
    pdftoppm -f "$p" -l "$p" -r 90 -singlefile -png "$pdf" docs/requests-table
    echo "docs/requests-table.png：文档第 $p 页"
    break
  fi
done
xpdf=$(to_pdf "$(ls "$out"/o/*.xlsx)" "$out/xlsx")
pdftoppm -f 2 -l 2 -r 80 -singlefile -png "$xpdf" docs/requests-sheet
echo "docs/requests-sheet.png：工作簿第 2 页"

build/nianbao build --inputs inputs --output "$out/demo" >/dev/null
dpdf=$(to_pdf "$(ls "$out"/demo/*.docx)" "$out/demo-pdf")
pdftoppm -f 1 -l 1 -r 90 -singlefile -png "$dpdf" docs/fengcheng-2018-page1
echo "docs/fengcheng-2018-page1.png：演示文档第 1 页"
pages=$(pdfinfo "$dpdf" | awk '/^Pages:/ {print $2}')
for p in $(seq 1 "$pages"); do
  if pdftotext -f "$p" -l "$p" "$dpdf" - | grep -q "统计指标"; then
    pdftoppm -f "$p" -l "$p" -r 90 -singlefile -png "$dpdf" docs/fengcheng-2018-table
    echo "docs/fengcheng-2018-table.png：演示文档第 $p 页"
    break
  fi
done
