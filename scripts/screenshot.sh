#!/usr/bin/env bash
# Starts the real app under Xvfb, waits for its window, saves a screenshot to $1 and fails if
# the window never appears or the image is blank. Extra arguments go to caselens.
set -euo pipefail
out="${1:-target/shot.png}"
shift || true
bin="${CASELENS_BIN:-target/debug/caselens}"
[ -x "$bin" ] || cargo build --locked --quiet
mkdir -p "$(dirname "$out")"
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $app_pid $xvfb_pid 2>/dev/null || true' EXIT
export DISPLAY="$display"
unset WAYLAND_DISPLAY
sleep 1
"$bin" "$@" >target/app.log 2>&1 &
app_pid=$!
found=""
for _ in $(seq 1 60); do
  if xdotool search --name '^Caselens$' >/dev/null 2>&1; then found=yes; break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then echo "the app exited early:"; cat target/app.log; exit 1; fi
  sleep 1
done
[ -n "$found" ] || { echo "no Caselens window after 60 s"; cat target/app.log; exit 1; }
sleep 4 # let the first frames render and the library load
import -window root "$out"
colors=$(convert "$out" -format '%k' info:)
echo "screenshot $out: $colors distinct colours"
[ "$colors" -gt 16 ] || { echo "the screenshot is blank"; exit 1; }
