#!/usr/bin/env bash
# Installs what is missing, builds Lotbook and starts the desktop app on a
# local demo store (a Korean dealer team: 2 lots, 40 cars, 15 customers).
# The demo lives in its own folder, never in your real data:
#   LOTBOOK_DATA_DIR (default ~/.local/share/lotbook-demo)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
npm --prefix ui run build --silent
cargo build -p lotbook-desktop -p lotbook --bins
export LOTBOOK_DATA_DIR="${LOTBOOK_DATA_DIR:-$HOME/.local/share/lotbook-demo}"
if [ ! -f "$LOTBOOK_DATA_DIR/lotbook.sqlite3" ]; then
  target/debug/lotbook --data-dir "$LOTBOOK_DATA_DIR" demo
fi
# The demo is a Korean team: it opens in Korean whatever the system's
# language, until you pick one in Settings (remembered on this computer).
export LOTBOOK_LANG="${LOTBOOK_LANG:-ko}"
echo "Starting Lotbook on $LOTBOOK_DATA_DIR"
exec target/debug/lotbook-desktop
