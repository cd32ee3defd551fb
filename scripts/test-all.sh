#!/usr/bin/env bash
# Every check and test of Lotbook, as CI runs them: formatting, lints, the
# IPC bindings, Rust unit + integration tests, UI lint/type check/unit tests,
# and the end-to-end run of the real desktop app under Xvfb.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never
# A clean run gains nothing from incremental caches: they only double the
# disk a build takes (a CI run once died writing one on a full disk).
export CARGO_INCREMENTAL=0
# The mailbox tests need the real IMAP server: missing, they fail here.
export LOTBOOK_REQUIRE_DOVECOT=1

step() { printf '\n=== %s ===\n' "$*"; }

step "setup"
scripts/setup.sh

step "ui: build (the desktop shell embeds it)"
npm --prefix ui run build --silent

step "rust: format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "rust: IPC bindings are current, the command lists agree"
scripts/check-bindings.sh
node scripts/check-commands.mjs

step "workflows: actionlint"
actionlint

step "rust: unit and integration tests"
cargo test --workspace

step "ui: lint, type check, unit tests"
npm --prefix ui run lint --silent
npm --prefix ui run typecheck --silent
npm --prefix ui test --silent

step "e2e: the desktop app under Xvfb"
scripts/e2e.sh

# The .deb in a clean Debian 12 rootfs and the signed update flow: two
# release builds and apt in the rootfs take 10-25 minutes, so only on ask.
if [ "${LOTBOOK_PACKAGE_TEST:-0}" = 1 ]; then
  step "package: .deb on a clean Debian 12, first run, signed update"
  scripts/package-test.sh
fi

echo
echo "all tests passed"
