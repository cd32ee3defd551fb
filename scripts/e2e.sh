#!/usr/bin/env bash
# End-to-end run of the real desktop app: builds it, fills a fresh data dir
# with the demo, starts Xvfb, runs ui/e2e (which drives the app through
# tauri-driver and WebKitWebDriver), stops Xvfb again.
# Expects the tools that scripts/setup.sh installs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

export PATH="$HOME/.cargo/bin:$PATH"
npm --prefix ui run build --silent
# E2E_RELEASE=1 drives the release build (what a dealer runs; the start-up
# figure of ui/e2e/memory.test.mjs is meant for it).
if [ "${E2E_RELEASE:-0}" = 1 ]; then
  cargo build --release -p lotbook-desktop -p lotbook --bins
  bin="${CARGO_TARGET_DIR:-$root/target}/release"
else
  cargo build -p lotbook-desktop -p lotbook --bins
  bin="${CARGO_TARGET_DIR:-$root/target}/debug"
fi

work=$(mktemp -d)
export LOTBOOK_TEST_PHOTOS="${LOTBOOK_TEST_PHOTOS:-$(cd "$root/.." && pwd)/shared/testdata/photos}"
export LOTBOOK_DATA_DIR="$work/data"
# Drafts and exports the journeys save land here, not in ~/Downloads.
export LOTBOOK_SAVE_DIR="$work/saved"
# The app's and the CLI's logs stay with the run, not in the OS log folder.
export LOTBOOK_LOG_DIR="$work/logs"
export LOTBOOK_APP="${LOTBOOK_APP:-$bin/lotbook-desktop}"
export LOTBOOK_CLI="$bin/lotbook"
export LOTBOOK_SCREENSHOTS="${LOTBOOK_SCREENSHOTS:-$root/docs/screenshots}"
"$bin/lotbook" --data-dir "$LOTBOOK_DATA_DIR" demo
# One car with 200 photos, for the gallery's memory check: the same small
# photo with different trailing bytes, so each is a distinct file.
mkdir -p "$work/card200"
for i in $(seq -w 1 200); do
  { cat "$LOTBOOK_TEST_PHOTOS/orientation/landscape_1.jpg"; printf '%s' "$i"; } >"$work/card200/IMG_$i.jpg"
done
export LOTBOOK_E2E_200_VEHICLE=$("$bin/lotbook" --data-dir "$LOTBOOK_DATA_DIR" --json vehicles list --query 레조 --limit 1 |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items[0].id))')
"$bin/lotbook" --data-dir "$LOTBOOK_DATA_DIR" photos import --vehicle "$LOTBOOK_E2E_200_VEHICLE" "$work/card200" | tail -1
# A store written by a "future" Lotbook: the app must refuse it and not touch it.
export LOTBOOK_NEWER_DATA_DIR="$work/newer"
"$bin/lotbook" --data-dir "$LOTBOOK_NEWER_DATA_DIR" demo --no-photos >/dev/null
sqlite3 "$LOTBOOK_NEWER_DATA_DIR/lotbook.sqlite3" "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;" >/dev/null
# Start-up is the same as for a dealer: the OS picks the language; the test switches it.
export LANG=ko_KR.UTF-8

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ] || [ "${LOTBOOK_OWN_XVFB:-1}" = 1 ]; then
  display=":$(( 90 + RANDOM % 9 ))"
  Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  pids+=($!)
  export DISPLAY="$display"
  for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done
fi

# The tests start tauri-driver themselves (a fresh one per app start).
export TAURI_DRIVER_PORT=$(( 4444 + RANDOM % 500 ))
# E2E_FILES picks test files (e.g. ui/e2e/memory.test.mjs): the others then
# do not start the app at all.
node --test --test-concurrency=1 ${E2E_ONLY:+--test-name-pattern="$E2E_ONLY"} ${E2E_FILES:-ui/e2e/}
