#!/usr/bin/env bash
# The headless start check, timed: starts Xvfb, runs `caselens --quit-after-frames 3 ARGS...`
# RUNS times (each under `timeout`, so it never hangs), and prints each run's time to the
# first frame, time until the library had loaded, and peak resident memory (with the OpenGL
# driver's code pages in it: without a GPU, Mesa's software renderer and its LLVM), then the
# medians.
# Fails if a run does not exit 0 or prints no first-frame time. Timing is reported, never
# checked: CI runs it with RUNS=1 as a smoke test.
#
#   bash scripts/start-time.sh [RUNS] [caselens arguments...]
#   CASELENS_BIN=target/release/caselens bash scripts/start-time.sh 7 --library /tmp/synth1000
set -euo pipefail
runs="${1:-5}"
shift || true
bin="${CASELENS_BIN:-target/debug/caselens}"
[ -x "$bin" ] || cargo build --locked --quiet
work=$(mktemp -d)
source "$(dirname "$0")/xvfb.sh"
xvfb_pid="" xvfb_file=""
trap 'kill $xvfb_pid 2>/dev/null || true; rm -rf "$xvfb_file" "$work"' EXIT
xvfb_start
# Settings and the default notes file go to a scratch home, not the user's.
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]}'; }
: >"$work/first"; : >"$work/loaded"; : >"$work/rss"; : >"$work/driver"
for i in $(seq 1 "$runs"); do
  out="$work/run$i.log"
  if ! timeout 120 "$bin" --quit-after-frames 3 "$@" >"$out" 2>&1; then
    echo "run $i failed:"; cat "$out"; exit 1
  fi
  first=$(sed -n 's/^first frame after \([0-9]*\) ms$/\1/p' "$out")
  [ -n "$first" ] || { echo "run $i printed no first-frame time:"; cat "$out"; exit 1; }
  loaded=$(sed -n 's/^loaded after \([0-9]*\) ms$/\1/p' "$out")
  rss=$(sed -n 's/^peak resident memory \([0-9.]*\) MB$/\1/p' "$out")
  driver=$(sed -n "s/^of which the OpenGL driver's code \([0-9.]*\) MB$/\1/p" "$out")
  echo "run $i: first frame after $first ms, loaded after ${loaded:-?} ms, peak RSS ${rss:-?} MB (OpenGL driver's code ${driver:-?} MB)"
  echo "$first" >>"$work/first"; echo "${loaded:-0}" >>"$work/loaded"; echo "${rss:-0}" >>"$work/rss"
  echo "${driver:-0}" >>"$work/driver"
done
echo "median of $runs: first frame after $(median <"$work/first") ms, loaded after $(median <"$work/loaded") ms, peak RSS $(median <"$work/rss") MB (OpenGL driver's code $(median <"$work/driver") MB)"
