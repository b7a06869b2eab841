#!/usr/bin/env bash
# The frame probe: writes a synthetic corpus (CASES cases, HIGHLIGHTS highlights in the user's
# notes, LAYERS students' notes files to open as layers), replays scripts/frames.session in the
# real window under Xvfb (`caselens --script ... --frame-log ...`) and prints the distribution
# of the app's CPU time per frame: median, 99th percentile, worst frame and what caused it,
# and the five worst. Timings are printed, never checked. Fails if the run does not exit 0 or
# a step could not run.
#
#   bash scripts/frames.sh [CASES] [HIGHLIGHTS] [LAYERS]      (default 1000 10000 300)
#   CASELENS_BIN=target/release/caselens bash scripts/frames.sh
#   FRAMES_LOG=/tmp/frames.log bash scripts/frames.sh     (keeps the per-frame log)
# The corpus writer is the synth_corpus example beside the binary (built when in target/).
set -euo pipefail
cases="${1:-1000}"
highlights="${2:-10000}"
layers="${3:-300}"
bin="${CASELENS_BIN:-target/debug/caselens}"
synth="$(dirname "$bin")/examples/synth_corpus"
profile=()
[[ "$bin" == *release* ]] && profile=(--release)
[ -x "$bin" ] || cargo build --locked --quiet "${profile[@]}"
# Built (or found up to date) each time: a stale writer would not know today's arguments.
if [[ "$synth" == target/* ]]; then
  cargo build --locked --quiet "${profile[@]}" --example synth_corpus
fi
[ -x "$synth" ] || { echo "no corpus writer at $synth"; exit 1; }
work=$(mktemp -d)
source "$(dirname "$0")/xvfb.sh"
xvfb_pid="" xvfb_file=""
trap 'kill $xvfb_pid 2>/dev/null || true; rm -rf "$xvfb_file" "$work"' EXIT
"$synth" "$cases" "$work/corpus" --notes "$highlights" --class "$layers" "$work/class" >/dev/null
# The highlights are the user's own notes (saved, undone), not a read-only notes file.
mv "$work/corpus/synth.notes.json" "$work/my.notes.json"
cp scripts/frames.session "$work/"
xvfb_start
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
log="$work/frames.log"
if ! timeout 600 "$bin" --library "$work/corpus" --notes "$work/my.notes.json" \
  --script "$work/frames.session" --frame-log "$log" >"$work/app.log" 2>&1; then
  echo "the scripted session failed:"; cat "$work/app.log"; exit 1
fi
if grep -q "caselens: script" "$work/app.log"; then
  echo "a step of the script could not run:"; cat "$work/app.log"; exit 1
fi
[ -z "${FRAMES_LOG:-}" ] || cp "$log" "$FRAMES_LOG"
# Frame 1 (the window's setup) is the start check's (scripts/start-time.sh); the rest is the
# session.
awk 'NR > 1 {print $6}' "$log" | sort -n >"$work/cpu"
n=$(wc -l <"$work/cpu")
[ "$n" -gt 0 ] || { echo "no frames logged"; exit 1; }
at() { awk -v p="$1" -v n="$n" 'NR == (int(p * n + 0.999) < 1 ? 1 : int(p * n + 0.999)) {print; exit}' "$work/cpu"; }
echo "frames: $n after the first ($cases cases, $highlights highlights, $layers layers; CPU ms of the app's logic+ui per frame)"
echo "first frame: $(awk 'NR == 1 {print $6}' "$log") ms"
echo "median: $(at 0.5) ms, p99: $(at 0.99) ms"
awk 'NR > 1' "$log" | sort -t' ' -k6,6 -g -r | head -n 5 | awk '{c=""; for (i = 8; i <= NF; i++) c = c " " $i; printf "worst: %s ms (frame %s at %s ms):%s\n", $6, $2, $4, c}'
