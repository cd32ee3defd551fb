#!/usr/bin/env bash
# End-to-end run of the real desktop app: builds it, fills a fresh data dir
# with the demo, starts Xvfb and tauri-driver, runs ui/e2e, stops them again.
# Expects the tools that scripts/setup.sh installs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

export PATH="$HOME/.cargo/bin:$PATH"
npm --prefix ui run build --silent
cargo build -p lotbook-desktop -p lotbook --bins

work=$(mktemp -d)
export LOTBOOK_DATA_DIR="$work/data"
export LOTBOOK_APP="$root/target/debug/lotbook-desktop"
export LOTBOOK_SCREENSHOTS="${LOTBOOK_SCREENSHOTS:-$root/docs/screenshots}"
"$root/target/debug/lotbook" --data-dir "$LOTBOOK_DATA_DIR" demo
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

port=$(( 4444 + RANDOM % 500 ))
export TAURI_DRIVER_PORT=$port
tauri-driver --port "$port" --native-port $(( port + 1000 )) >"$work/tauri-driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

status=0
node --test --test-concurrency=1 ui/e2e/ || status=$?
if [ "$status" != 0 ]; then
  echo "--- tauri-driver log ---"; tail -n 50 "$work/tauri-driver.log" || true
fi
exit "$status"
