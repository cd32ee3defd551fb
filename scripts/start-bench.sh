#!/usr/bin/env bash
# Start to painted Today (issue 15: < 1.5 s, release build), as a dealer
# starts the app: no WebDriver session, a D-Bus session bus as every Linux
# desktop has (without one GTK spends its start trying to launch one), on
# the demo store. Starts the app START_RUNS times (default 7) under its own
# Xvfb, reads the line the app logs once Today is on screen
# (lotbook::startup), prints every run and the median.
#
#   scripts/start-bench.sh                 # release build (what a dealer runs)
#   START_PROFILE=debug scripts/start-bench.sh
#   START_BUS=0 scripts/start-bench.sh    # without a session bus (bare Xvfb)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"

if [ "${START_BUS:-1}" = 1 ] && [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null; then
  exec dbus-run-session -- "$0" "$@"
fi

profile=${START_PROFILE:-release}
runs=${START_RUNS:-7}
npm --prefix ui run build --silent
if [ "$profile" = release ]; then
  cargo build --release -p lotbook-desktop -p lotbook --bins
else
  cargo build -p lotbook-desktop -p lotbook --bins
fi
bin="${CARGO_TARGET_DIR:-$root/target}/$profile"

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

export LOTBOOK_DATA_DIR="$work/data"
export LANG=ko_KR.UTF-8
"$bin/lotbook" --data-dir "$LOTBOOK_DATA_DIR" demo >/dev/null

display=":$(( 70 + RANDOM % 9 ))"
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY="$display"
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done

times=()
for i in $(seq "$runs"); do
  export LOTBOOK_LOG_DIR="$work/logs-$i"
  "$bin/lotbook-desktop" >"$work/app-$i.out" 2>&1 &
  app=$!
  line=""
  for _ in $(seq 300); do
    line=$(cat "$LOTBOOK_LOG_DIR"/*.log 2>/dev/null | grep -o 'start to painted Today: .*' | head -1 || true)
    [ -n "$line" ] && break
    sleep 0.1
  done
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  if [ -z "$line" ]; then
    echo "run $i: Today was not painted within 30 s; the app said:" >&2
    cat "$work/app-$i.out" >&2
    exit 1
  fi
  echo "run $i: ${line#start to painted Today: }"
  times+=("$(sed -E 's/^start to painted Today: ([0-9.]+) s.*/\1/' <<<"$line")")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "start to painted Today, median of $runs: $median s (goal < 1.5 s; $profile build, load average $(cut -d' ' -f1-3 /proc/loadavg))"
