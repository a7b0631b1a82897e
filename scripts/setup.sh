#!/usr/bin/env bash
# Installs the Debian packages nianbao builds with (and, with --test, the ones its tests use).
# Safe to run again: packages already installed are skipped.
set -euo pipefail

build_pkgs=(build-essential cmake pkg-config libxlsxwriter-dev libpugixml-dev
            libboost-program-options-dev catch2 libminizip-dev zlib1g-dev libdeflate-dev)
# LibreOffice converts the outputs to PDF in the end-to-end tests, the way a reader's office suite opens them.
# python3-docx makes Word reports the way a clerk's Word does, for the report reader's tests;
# openpyxl fills .xlsx forms through their defined names in the form reader's tests, as other tools do.
test_pkgs=(nlohmann-json3-dev clang libclang-rt-14-dev libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk poppler-utils unzip
           python3-docx python3-openpyxl)

want=("${build_pkgs[@]}")
[ "${1:-}" = "--test" ] && want+=("${test_pkgs[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "所需软件包均已安装。"
  exit 0
fi

echo "正在安装：${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "需要以 root 身份运行，或先安装 sudo。" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
