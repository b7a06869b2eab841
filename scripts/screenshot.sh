#!/usr/bin/env bash
# Starts the real app under Xvfb, waits for its window, saves a screenshot to $1 and fails if
# the window never appears or the image is blank. Extra arguments go to caselens.
#   --size WxH    screen and window size (default 1280x800)
#   --keys LIST   before the screenshot, press keys in the window: xdotool key names separated
#                 by ';' ("ctrl+shift+p;F11;Right"); "type:TEXT" types TEXT
# Example: scripts/screenshot.sh /tmp/present.png --size 1920x1080 \
#            --keys 'ctrl+shift+p;type:Sample lesson;Return;F11;Right'
set -euo pipefail
out="${1:-target/shot.png}"
shift || true
size="1280x800"
keys=""
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --keys) keys="$2"; shift 2 ;;
    *) break ;;
  esac
done
bin="${CASELENS_BIN:-target/debug/caselens}"
[ -x "$bin" ] || cargo build --locked --quiet
mkdir -p "$(dirname "$out")"
# Let Xvfb pick a free display and tell us which (no clash with other X servers), then wait
# until it accepts connections. -noreset: without it the server resets when its first client
# (the readiness probe below) disconnects, and the app connecting in that moment fails with
# "Failed to open connection to X server" (seen in 3 of 14 runs; 0 of 16 with it).
dfile=$(mktemp)
Xvfb -noreset -displayfd 3 -screen 0 "${size}x24" 3>"$dfile" >/dev/null 2>&1 &
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
wid=$(xdotool search --name '^Caselens$' | head -n1)
xdotool windowmove "$wid" 0 0 windowsize "$wid" "${size%x*}" "${size#*x}" windowfocus "$wid" || true
sleep 1
if [ -n "$keys" ]; then
  IFS=';' read -r -a steps <<<"$keys"
  for k in "${steps[@]}"; do
    case "$k" in
      type:*) xdotool type --delay 30 "${k#type:}" ;;
      *) xdotool key "$k" ;;
    esac
    sleep 0.5
  done
  sleep 1
fi
import -window root "$out"
colors=$(convert "$out" -format '%k' info:)
echo "screenshot $out: $colors distinct colours"
[ "$colors" -gt 16 ] || { echo "the screenshot is blank"; exit 1; }
