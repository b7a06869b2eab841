#!/usr/bin/env bash
# The browser storage tests (tests/web) in headless Chromium: wasm-bindgen-test-runner drives
# it through chromedriver (CHROMEDRIVER, default Debian's /usr/bin/chromedriver) with the flags
# in scripts/web/webdriver.json. Built with the web-release profile, so scripts/web.sh build's cache serves.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$PWD/scripts/web/test-runner.sh"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
exec cargo test --locked --target wasm32-unknown-unknown --profile "${WEB_PROFILE:-web-release}" --test web "$@"
