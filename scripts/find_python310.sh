#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 needs 3.10), or explains and fails.
set -euo pipefail
is310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; }
candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
for name in python3.10 python3 python; do
  command -v "$name" >/dev/null 2>&1 && candidates+=("$(command -v "$name")")
done
root="${PYENV_ROOT:-}"
[ -z "$root" ] && command -v pyenv >/dev/null 2>&1 && root="$(pyenv root 2>/dev/null || true)"
for dir in "$root" "$HOME/.pyenv" /root/.pyenv; do
  [ -n "$dir" ] || continue
  for py in "$dir"/versions/3.10*/bin/python3.10; do
    [ -x "$py" ] && candidates+=("$py")
  done
done
for py in "${candidates[@]}"; do
  if is310 "$py"; then
    # pyenv shims may point to another version: resolve to the real interpreter.
    "$py" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done
cat >&2 <<'MSG'
No Python 3.10 interpreter found. Rasa Open Source 3.6 runs on Python 3.10 only.
Install one, e.g. `pyenv install 3.10.13`, or point PYTHON310 at an existing python3.10,
then run the command again.
MSG
exit 1
