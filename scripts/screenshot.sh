#!/usr/bin/env bash
# Starts the real app under Xvfb, waits for its window, saves a screenshot to $1 and fails if
# the window never appears or the image is blank. Extra arguments go to caselens.
set -euo pipefail
out="${1:-target/shot.png}"
shift || true
bin="${CASELENS_BIN:-target/debug/caselens}"
[ -x "$bin" ] || cargo build --locked --quiet
mkdir -p "$(dirname "$out")"
# Let Xvfb pick a free display and tell us which (no clash with other X servers), then wait
# until it accepts connections.
dfile=$(mktemp)
Xvfb -displayfd 3 -screen 0 1280x800x24 3>"$dfile" >/dev/null 2>&1 &
xvfb_pid=$!
app_pid=""
trap 'kill $app_pid $xvfb_pid 2>/dev/null || true; rm -f "$dfile"' EXIT
for _ in $(seq 1 100); do
  [ -s "$dfile" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || { echo "Xvfb did not start"; exit 1; }
  sleep 0.2
done
[ -s "$dfile" ] || { echo "Xvfb gave no display"; exit 1; }
export DISPLAY=":$(head -n1 "$dfile" | tr -d '[:space:]')"
unset WAYLAND_DISPLAY
for _ in $(seq 1 50); do
  xdotool getmouselocation >/dev/null 2>&1 && break
  sleep 0.2
done
mkdir -p target
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
