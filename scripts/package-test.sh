#!/usr/bin/env bash
# Proof on a clean system: builds the .deb of version N and N+1 with the
# documented command (signed with a throwaway updater key made here), installs
# N with apt into a clean Debian 12 rootfs made by debootstrap (so every
# runtime dependency must be declared by the package), starts it under Xvfb as
# a fresh user, screenshots the first window, then walks the update flow
# against an update server on localhost: a tampered download, a signature by
# another key and a manifest that lies about the version are each refused
# with a message and change nothing; the genuine N+1 is verified, installed
# with dpkg (through sudo, as the updater does without a polkit agent), and
# runs at the next start.
#
# Needs root (debootstrap, chroot, mounts) and the network to Debian's
# packages. Takes 10-25 minutes, most of it the two release builds (cached by
# cargo after the first run) and apt inside the rootfs.
#   PACKAGE_TEST_REUSE=1   reuse the .debs of the last run (same throwaway key)
#   PACKAGE_TEST_KEEP=1    keep the rootfs afterwards (under target/package-test)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cache="$CARGO_TARGET_DIR/package-test"
out="$cache/out"
shots="${LOTBOOK_SCREENSHOTS:-$root/docs/screenshots}"
tauri="$root/ui/node_modules/.bin/tauri"
mkdir -p "$cache" "$out" "$shots"

t0=$SECONDS
step() { printf '[package-test %4ss] %s\n' $((SECONDS - t0)) "$*"; }
fail() { printf '[package-test] FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (debootstrap, chroot and mounts need it)"
for tool in debootstrap:debootstrap python3:python3; do
  command -v "${tool%%:*}" >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${tool#*:}" >/dev/null
  }
done
[ -x "$tauri" ] || npm --prefix ui ci --silent

# --- 1. The two versions, built as a release is (tauri.release.conf.json),
# with a throwaway key: its public half replaces the release key, and plain
# http is allowed so the update server can be python on localhost.
version_n=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
version_n1=$(python3 -c "import sys; a=sys.argv[1].split('.'); a[-1]=str(int(a[-1])+1); print('.'.join(a))" "$version_n")
if [ "${PACKAGE_TEST_REUSE:-0}" = 1 ] && [ -f "$out/n.deb" ] && [ -f "$out/n1.deb.sig" ]; then
  step "reusing the .debs of the last run ($version_n, $version_n1)"
else
  rm -rf "$out" && mkdir -p "$out"
  "$tauri" signer generate --ci -p "" -w "$out/test.key" >/dev/null
  "$tauri" signer generate --ci -p "" -w "$out/other.key" >/dev/null
  pub=$(cat "$out/test.key.pub")
  export TAURI_SIGNING_PRIVATE_KEY="$out/test.key" TAURI_SIGNING_PRIVATE_KEY_PASSWORD=""
  test_cfg="{\"plugins\":{\"updater\":{\"pubkey\":\"$pub\",\"dangerousInsecureTransportProtocol\":true}}}"
  bundle="$CARGO_TARGET_DIR/release/bundle/deb"
  for v in "$version_n" "$version_n1"; do
    step "building the .deb of $v: tauri build --bundles deb --config src-tauri/tauri.release.conf.json"
    rm -f "$bundle"/*.deb "$bundle"/*.deb.sig
    # The UI is the same for both: built once, by the first.
    again=$([ "$v" = "$version_n" ] && echo '{}' || echo '{"build":{"beforeBuildCommand":""}}')
    "$tauri" build --ci --bundles deb --config src-tauri/tauri.release.conf.json \
      --config "$test_cfg" --config "{\"version\":\"$v\"}" --config "$again" >"$out/build-$v.log" 2>&1 ||
      { tail -30 "$out/build-$v.log"; fail "the build of $v"; }
    deb=$(ls "$bundle"/*_"$v"_*.deb)
    [ -f "$deb.sig" ] || fail "no updater signature next to $deb"
    name=$([ "$v" = "$version_n" ] && echo n || echo n1)
    cp "$deb" "$out/$name.deb" && cp "$deb.sig" "$out/$name.deb.sig"
  done
  unset TAURI_SIGNING_PRIVATE_KEY TAURI_SIGNING_PRIVATE_KEY_PASSWORD
fi
step ".deb of $version_n: $(du -h "$out/n.deb" | cut -f1); Depends: $(dpkg-deb -f "$out/n.deb" Depends)"
pkg=$(dpkg-deb -f "$out/n.deb" Package)
bin_path=/$(dpkg-deb -c "$out/n.deb" | awk '{print $NF}' | sed 's|^\./||' | grep -E '^usr/bin/.+' | head -1)
[ "$bin_path" != / ] || fail "no program in /usr/bin of the .deb"

# --- 2. A clean Debian 12 (debootstrap minbase, cached pristine; each run
# works on a fresh copy). The mirror is the one this machine's apt uses.
mirror=$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
[ -n "$mirror" ] || mirror=$(awk '$1=="deb" && $2 ~ /\/debian\/?$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || fail "no Debian mirror found in this machine's apt sources"
if [ ! -d "$cache/base" ]; then
  step "debootstrap --variant=minbase bookworm"
  rm -rf "$cache/base-tmp"
  debootstrap --variant=minbase bookworm "$cache/base-tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { tail -20 "$cache/debootstrap.log"; fail "debootstrap"; }
  mv "$cache/base-tmp" "$cache/base"
fi
rootfs="$cache/rootfs"
mounts=()
pids=()
# Every process whose root is our rootfs was started by this script.
reap() {
  local keep=${1:-} p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$rootfs" ] || continue
    [ "${p#/proc/}" = "$keep" ] || kill "${p#/proc/}" 2>/dev/null || true
  done
}
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -d "$rootfs" ] && reap
  sleep 0.5
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[$i]}" 2>/dev/null || true; done
  [ "${PACKAGE_TEST_KEEP:-0}" = 1 ] || rm -rf "$rootfs"
}
trap cleanup EXIT
rm -rf "$rootfs"
cp -a "$cache/base" "$rootfs"
for m in proc sys dev dev/pts; do
  case $m in
    proc) mount -t proc proc "$rootfs/proc" ;;
    sys) mount -t sysfs sys "$rootfs/sys" ;;
    dev) mount --bind /dev "$rootfs/dev" ;;
    dev/pts) mount -t devpts devpts "$rootfs/dev/pts" -o newinstance,ptmxmode=0666 ;;
  esac
  mounts+=("$rootfs/$m")
done
# Only apt's download cache outlives a run (the packages, not their install).
mkdir -p "$cache/apt-archives/partial"
mount --bind "$cache/apt-archives" "$rootfs/var/cache/apt/archives"
mounts+=("$rootfs/var/cache/apt/archives")
cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
in_root() { chroot "$rootfs" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }

# --- 3. Install N with apt, as a dealer would (apt resolves the Depends).
cp "$out/n.deb" "$rootfs/root/lotbook_$version_n.deb"
s=$SECONDS
in_root apt-get update -qq
in_root apt-get install -y -qq --no-install-recommends "/root/lotbook_$version_n.deb" >"$cache/apt-install.log" 2>&1 ||
  { tail -30 "$cache/apt-install.log"; fail "apt could not install the .deb into the clean rootfs"; }
step "apt installed $pkg $version_n and its dependencies in $((SECONDS - s)) s"
links=$(in_root ldd "$bin_path") || fail "ldd $bin_path failed"
missing=$(grep 'not found' <<<"$links" || true)
[ -z "$missing" ] || fail "libraries the package does not declare: $missing"
step "$bin_path links against nothing undeclared"

# The test harness, installed only after the check above: Xvfb, WebKit's
# WebDriver and tauri-driver to drive the window, sudo for the updater's
# dpkg (a desktop has pkexec and asks for the password instead).
# The updater's HTTP client loads the system's CA roots even for http; a .deb
# built before ca-certificates was in its Depends gets it here, said aloud.
extra=()
if ! dpkg-deb -f "$out/n.deb" Depends | grep -q ca-certificates; then
  step "NOTE: this .deb does not declare ca-certificates; installing it by hand"
  extra=(ca-certificates)
fi
in_root apt-get install -y -qq --no-install-recommends xvfb xauth webkit2gtk-driver sudo "${extra[@]}" >"$cache/apt-harness.log" 2>&1 ||
  { tail -20 "$cache/apt-harness.log"; fail "installing the test harness"; }
cp "$(command -v tauri-driver)" "$rootfs/usr/local/bin/tauri-driver"
in_root useradd -m -s /bin/bash dealer
echo "dealer ALL=(root) NOPASSWD: /usr/bin/dpkg" >"$rootfs/etc/sudoers.d/lotbook-update"
chmod 440 "$rootfs/etc/sudoers.d/lotbook-update"
step "harness ready (Xvfb, WebKitWebDriver, tauri-driver, user 'dealer' with an empty home)"

# --- 4. The update server: python on localhost, one manifest per case.
srv="$cache/srv"
rm -rf "$srv" && mkdir -p "$srv"
cp "$out/n1.deb" "$srv/good.deb"
cp "$out/n1.deb" "$srv/tampered.deb"
# One byte changed in the middle of the package.
python3 - "$srv/tampered.deb" <<'EOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[len(b) // 2] ^= 0xFF
open(p, "wb").write(bytes(b))
EOF
cp "$out/n1.deb" "$srv/otherkey.deb"
"$tauri" signer sign --private-key-path "$out/other.key" -p "" --app-version "$version_n1" "$srv/otherkey.deb" >/dev/null
port=$((20000 + RANDOM % 20000))
python3 - "$srv" "$port" "$version_n1" "$(cat "$out/n1.deb.sig")" "$(cat "$srv/otherkey.deb.sig")" <<'EOF'
import json, sys
srv, port, version, sig, other_sig = sys.argv[1:]
notes = "차량 사진 가져오기가 빨라졌습니다.\nPhoto import is faster."
def manifest(name, file, signature, v=version):
    url = f"http://127.0.0.1:{port}/{file}"
    json.dump({"version": v, "notes": notes, "pub_date": "2026-12-06T01:00:00Z",
               "platforms": {"linux-x86_64-deb": {"signature": signature, "url": url}}},
              open(f"{srv}/{name}.json", "w"), ensure_ascii=False)
manifest("good", "good.deb", sig)
manifest("tampered", "tampered.deb", sig)
manifest("otherkey", "otherkey.deb", other_sig)
# N+1's genuine file and signature, announced as a later version.
manifest("mismatch", "good.deb", sig, v=version.rsplit(".", 1)[0] + ".9")
EOF
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$srv" >"$cache/http.log" 2>&1 &
pids+=($!)

# --- 5. Xvfb and the app, inside the rootfs.
display=":$((50 + RANDOM % 40))"
chroot "$rootfs" Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >"$cache/xvfb.log" 2>&1 &
xvfb=$!
pids+=($xvfb)
sleep 1
dport=$((40000 + RANDOM % 10000))
installed() { in_root dpkg-query -W -f='${Version}' "$pkg"; }
binsum() { sha256sum "$rootfs$bin_path" | cut -d' ' -f1; }

# Starts tauri-driver as the dealer (the app inherits its environment), runs
# one case of ui/e2e/package-drive.mjs against it, stops it.
drive() {
  local case=$1 manifest=$2
  chroot "$rootfs" runuser -u dealer -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/dealer \
    USER=dealer DISPLAY="$display" XDG_RUNTIME_DIR=/tmp LOTBOOK_LANG=ko \
    LOTBOOK_UPDATE_URL="http://127.0.0.1:$port/$manifest.json" \
    tauri-driver --port "$dport" --native-port $((dport + 1000)) >"$cache/driver-$case.log" 2>&1 &
  local driver=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$dport") 2>/dev/null && break; sleep 0.1; done
  local rc=0
  node ui/e2e/package-drive.mjs "$case" "$dport" "$bin_path" "$shots" "$version_n" "$version_n1" || rc=$?
  kill "$driver" 2>/dev/null || true
  wait "$driver" 2>/dev/null || true
  reap "$xvfb"
  sleep 1
  return $rc
}

s=$SECONDS
drive first-run good || fail "the first run of $version_n"
step "first run of $version_n under Xvfb with an empty home; update $version_n1 found ($((SECONDS - s)) s); screenshot docs/screenshots/package-first-run.png"
before=$(binsum)
for case in tampered otherkey mismatch; do
  s=$SECONDS
  drive "$case" "$case" || fail "the $case update was not refused"
  [ "$(installed)" = "$version_n" ] || fail "after the $case update $pkg is $(installed)"
  [ "$(binsum)" = "$before" ] || fail "after the $case update $bin_path changed"
  step "refused: $case update (message shown; $pkg still $version_n, $bin_path unchanged) ($((SECONDS - s)) s)"
done
s=$SECONDS
drive install good || fail "installing the genuine update"
[ "$(installed)" = "$version_n1" ] || fail "after the update $pkg is $(installed), not $version_n1"
step "installed: $version_n1 downloaded, verified and installed with dpkg ($((SECONDS - s)) s)"
drive after good || fail "the next start after the update"
step "next start runs $version_n1 and finds no newer update"
step "all package checks passed in $((SECONDS - t0)) s"
