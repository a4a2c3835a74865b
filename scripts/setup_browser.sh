#!/usr/bin/env bash
# Installs what the widget's browser tests need: Debian's Chromium (driven by Playwright from the
# venv, which downloads no browser of its own), a Japanese font so pages render kana and kanji, and
# an emoji font for the 👍/👎 rating buttons and the report.
# Idempotent: does nothing when all are installed. Runs as root (or through sudo) on Debian.
set -euo pipefail
source "$(dirname "$0")/lib/debian_packages.sh"
ensure_debian_packages "the widget's browser tests" chromium fonts-ipafont-gothic fonts-noto-color-emoji
[ -x /usr/bin/chromium ] || { echo "setup_browser: /usr/bin/chromium is missing" >&2; exit 1; }
