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
# Xvfb on a display it picks, then wait until it accepts connections.
source "$(dirname "$0")/xvfb.sh"
app_pid="" xvfb_pid="" xvfb_file=""
trap 'kill $app_pid $xvfb_pid 2>/dev/null || true; rm -f "$xvfb_file"' EXIT
xvfb_start "$size"
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
