#!/usr/bin/env bash
# The browser build. `scripts/web.sh build` writes target/web/ (index.html, the .wasm, its JS
# glue, the icon): static files for any web space. `scripts/web.sh serve [PORT]` serves them on
# http://127.0.0.1:PORT/ (default 8080).
# Needs: rustup target add wasm32-unknown-unknown; cargo install wasm-bindgen-cli --version V
# (V: the wasm-bindgen version in Cargo.lock; the script says which when it is missing).
# WEB_PROFILE picks the Cargo profile (default web-release; CI may use a cheaper one).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/web
profile=${WEB_PROFILE:-web-release}

wanted_bindgen() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

build() {
  local want
  want=$(wanted_bindgen)
  if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$want" ]; then
    echo "web.sh: wasm-bindgen $want is needed: cargo install wasm-bindgen-cli --version $want" >&2
    exit 1
  fi
  cargo build --locked --target wasm32-unknown-unknown --profile "$profile" --bin caselens
  rm -rf "$out"
  mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name caselens \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile/caselens.wasm"
  cp assets/web/index.html assets/icon.png "$out/"
  # A lecturer's own cases go in $out/cases/ with a cases/index.json listing them.
  mkdir -p "$out/cases"
  [ -f "$out/cases/index.json" ] || echo '{"files": []}' > "$out/cases/index.json"
  local wasm="$out/caselens_bg.wasm" js="$out/caselens.js"
  echo "web.sh: wrote $out/ ($(du -b "$wasm" | cut -f1) bytes of wasm, $(gzip -9c "$wasm" "$js" | wc -c) gzipped with the JS)"
}

serve() {
  local port=${1:-8080}
  [ -f "$out/index.html" ] || { echo "web.sh: run 'scripts/web.sh build' first" >&2; exit 1; }
  echo "web.sh: Caselens at http://127.0.0.1:$port/ (Ctrl+C stops)"
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out"
}

case "${1:-}" in
  build) build ;;
  serve) shift; serve "$@" ;;
  *) echo "usage: scripts/web.sh build | serve [PORT]" >&2; exit 2 ;;
esac
