#!/usr/bin/env bash
# Writes assets/symbol-order.txt: the functions of the release binary that run when the window
# opens on 1,000 cases and 10,000 highlights, then those of the scripted working session
# (scripts/frames.session), in that order. build.rs hands the file to the linker (rust-lld's
# --symbol-ordering-file), which lays these functions out together at the start of the code:
# the pages the kernel maps for them are then the code that runs, not 64 KB windows and large
# page-cache folios of code that never does, spread over all 19 MB (the window's resident
# part of the binary with 1,000 cases open: about 22 MB before, 11 MB after).
#
# Run after a change that renames or adds much of what runs at start (a new dependency, a
# new renderer); a stale file only loses some of its effect (names it no longer finds are
# skipped). Needs valgrind (callgrind), Xvfb and about 15 minutes on 2 cores.
#
#   bash scripts/symbol-order.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)"; exit 1; }
cargo build --locked --quiet --release --bin caselens --example synth_corpus
bin=target/release/caselens
work=$(mktemp -d)
source scripts/xvfb.sh
xvfb_pid="" xvfb_file=""
trap 'kill $xvfb_pid 2>/dev/null || true; rm -rf "$xvfb_file" "$work"' EXIT
target/release/examples/synth_corpus 1000 "$work/corpus" --notes 10000 >/dev/null
mv "$work/corpus/synth.notes.json" "$work/my.notes.json"
# The session on a smaller library (the same code runs; callgrind is about 50 times slower).
mkdir "$work/session"
target/release/examples/synth_corpus 200 "$work/session/corpus" --notes 2000 --class 60 \
  "$work/session/class" >/dev/null
mv "$work/session/corpus/synth.notes.json" "$work/session/my.notes.json"
cp scripts/frames.session "$work/session/"
xvfb_start
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
# Mangled names (as the linker sees them); no per-instruction data, only which functions ran.
grind=(valgrind --tool=callgrind --demangle=no --dump-instr=no --collect-jumps=no)
echo "the window opening, under callgrind"
timeout 900 "${grind[@]}" --callgrind-out-file="$work/start.cg" "$bin" --library "$work/corpus" \
  --notes "$work/my.notes.json" --quit-after-frames 3 >"$work/start.log" 2>&1 \
  || { cat "$work/start.log"; exit 1; }
echo "the scripted session, under callgrind"
timeout 1800 "${grind[@]}" --callgrind-out-file="$work/session.cg" "$bin" \
  --library "$work/session/corpus" --notes "$work/session/my.notes.json" \
  --script "$work/session/frames.session" >"$work/session.log" 2>&1 \
  || { cat "$work/session.log"; exit 1; }
python3 - "$work/start.cg" "$work/session.cg" "$(realpath "$bin")" >assets/symbol-order.txt <<'PY'
import re, sys
*runs, binary = sys.argv[1:]
seen = set()
for path in runs:
    objects, functions, current = {}, {}, None
    for line in open(path, errors="replace"):
        m = re.match(r"^(ob|cob|fn|cfn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if not m:
            continue
        kind, key, name = m.groups()
        table = objects if kind.endswith("ob") else functions
        if name:
            table[key] = name
        if kind == "ob":
            current = objects[key]
        elif kind == "fn" and current == binary:
            # Callgrind marks recursion levels with 'N.
            symbol = re.sub(r"'\d+$", "", functions[key])
            # Not callgrind's stand-ins such as "(below main)" or an address without a name.
            if symbol not in seen and not re.search(r"[\s(]|^0x", symbol):
                seen.add(symbol)
                print(symbol)
PY
echo "wrote assets/symbol-order.txt: $(wc -l <assets/symbol-order.txt) functions"
