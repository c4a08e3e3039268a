# Shared by bin/run and bin/test: find Python 3.11+, keep .venv in step with the pinned requirements.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)." >&2
  return 1
}

ensure_venv() {
  local stamp="$VENV/.requirements.sha256" want
  want=$(cat "$ROOT/requirements.txt" "$ROOT/requirements-dev.txt" | sha256sum | cut -d' ' -f1)
  if [ -x "$PY" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "Installing the pinned requirements into .venv ..."
  local python; python=$(find_python)
  [ -x "$PY" ] || "$python" -m venv "$VENV"
  "$PY" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null
  "$PY" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements-dev.txt"
  echo "$want" > "$stamp"
}
