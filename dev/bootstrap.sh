#!/usr/bin/env bash
# Farmland Guard set-up on Debian 12, idempotent and fast when everything is there.
#   bash dev/bootstrap.sh demo    install what is missing, build the demo county, run the main job on it
#   bash dev/bootstrap.sh test    install what is missing, run lint, the whole test suite and the zip check
# Run as root or as a user with sudo rights (only apt-get needs them).
set -euo pipefail
mode=${1:-}
case "$mode" in demo|test) ;; *) echo "usage: bash dev/bootstrap.sh demo|test" >&2; exit 2 ;; esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

DEBIAN_PACKAGES=(
  qgis python3-qgis qgis-providers           # QGIS 3.22 LTR, PyQGIS, data providers
  python3-venv python3-pip python3-numpy python3-scipy python3-pyproj
  pyqt5-dev-tools qttools5-dev-tools qtchooser # pylupdate5, lrelease
  fonts-wqy-microhei                         # CJK font for maps and reports (text stays extractable)
  poppler-utils                              # pdffonts, pdftotext, pdftoppm
  git zip unzip xvfb xauth
)
missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

VENV="$ROOT/.venv"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import qgis.core" 2>/dev/null; then
  echo "== creating $VENV from Debian's python3"
  rm -rf "$VENV"
  /usr/bin/python3 -m venv --system-site-packages "$VENV"
fi
stamp="$VENV/.requirements.sha"
want=$(sha256sum dev/requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "== installing test tools into the venv"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r dev/requirements.txt
  echo "$want" > "$stamp"
fi
PY="$VENV/bin/python"

echo "== building translations"
"$PY" dev/i18n.py build

echo "== installing the plugin into your QGIS profile"
"$PY" dev/install_plugin.py

if [ "$mode" = demo ]; then
  exec "$PY" dev/demo.py
fi

TEST_PACKAGES=(postgresql postgresql-15-postgis-3)   # the shared (PostgreSQL) targets store's tests
missing=()
for pkg in "${TEST_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing test packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "== starting a throwaway PostgreSQL for the store tests"
eval "$($SUDO bash dev/pg_test_server.sh start)"
trap '$SUDO bash dev/pg_test_server.sh stop' EXIT

echo "== lint"
"$VENV/bin/ruff" check .
echo "== tests"
"$PY" -m pytest
echo "== package and check the zip"
"$PY" dev/package.py --out dist/farmland_guard.zip
"$PY" dev/check_zip.py dist/farmland_guard.zip
