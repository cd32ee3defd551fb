#!/usr/bin/env bash
# Fails when ui/src/bindings differs from what the Rust types generate.
# Regenerate with: cargo test -p lotbook --lib export_bindings
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
TS_RS_EXPORT_DIR="$fresh" cargo test -p lotbook --lib --quiet export_bindings >/dev/null
if ! diff -ru ui/src/bindings "$fresh"; then
  echo "ui/src/bindings is stale: run 'cargo test -p lotbook --lib export_bindings' and commit the result" >&2
  exit 1
fi
echo "IPC bindings are current ($(ls "$fresh" | wc -l) types)"
