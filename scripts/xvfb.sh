# Sourced by the scripts that run the real window (screenshot, start-time, frames,
# symbol-order): `xvfb_start [WIDTHxHEIGHT]` starts Xvfb on a display it picks itself (no clash
# with other X servers), waits until it has one, and exports DISPLAY. It sets xvfb_pid and
# xvfb_file, which the caller's EXIT trap kills and removes. -noreset: without it the server
# resets when its first client (a readiness probe) disconnects, and the app connecting in that
# moment fails with "Failed to open connection to X server" (seen in 3 of 14 runs; 0 of 16 with
# it).
xvfb_start() {
  xvfb_file=$(mktemp)
  Xvfb -noreset -displayfd 3 -screen 0 "${1:-1280x800}x24" 3>"$xvfb_file" >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 1 100); do
    [ -s "$xvfb_file" ] && break
    kill -0 "$xvfb_pid" 2>/dev/null || { echo "Xvfb did not start"; return 1; }
    sleep 0.2
  done
  [ -s "$xvfb_file" ] || { echo "Xvfb gave no display"; return 1; }
  export DISPLAY=":$(head -n1 "$xvfb_file" | tr -d '[:space:]')"
  unset WAYLAND_DISPLAY
}
