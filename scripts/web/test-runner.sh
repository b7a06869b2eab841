#!/usr/bin/env bash
# The runner of the browser tests (scripts/web-test.sh sets it as Cargo's wasm32 runner):
# wasm-bindgen-test-runner reads webdriver.json (the Chromium flags) from its working
# directory, so it runs from here and the repository's top level keeps its shape.
set -euo pipefail
cd "$(dirname "$0")"
exec wasm-bindgen-test-runner "$@"
