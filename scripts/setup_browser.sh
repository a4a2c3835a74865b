#!/usr/bin/env bash
# Installs what the widget's browser tests need: Debian's Chromium (driven by Playwright from the
# venv, which downloads no browser of its own), a Japanese font so pages render kana and kanji, and
# an emoji font for the 👍/👎 rating buttons and the report.
# Idempotent: does nothing when all are installed. Runs as root (or through sudo) on Debian.
set -euo pipefail
packages=(chromium fonts-ipafont-gothic fonts-noto-color-emoji)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ] && [ -x /usr/bin/chromium ]; then
  exit 0
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup_browser: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
echo "Installing ${missing[*]} (Debian packages) for the widget's browser tests..."
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
/usr/bin/chromium --version
