#!/usr/bin/env python3
"""Regenerates tests/fixtures/taguette/ with Taguette's own code (issue 21).

Needs Taguette in the Python that runs this script (`python3 -m venv /tmp/tg &&
/tmp/tg/bin/pip install taguette==1.5.2 && /tmp/tg/bin/python scripts/taguette-fixtures.py`).

1. Caselens writes its codebook CSV of tests/fixtures/taguette/codes.notes.json
   (`UPDATE_FIXTURES=1 cargo test --lib codebook_csv`) to caselens-codebook.csv.
2. Taguette's importer (`taguette.import_codebook.list_tags_csv`, what its "Import codebook"
   runs) reads that CSV; the tags it finds are written to caselens-codebook.taguette.json, which
   the Rust test compares with what Caselens meant to write.
   The full codebook (bundled frameworks included) is read and checked the same way.
3. Taguette's exporter (`taguette.export.codebook_csv`) writes a codebook of nested tags to
   taguette-export.csv, which the Rust test imports.

The Rust tests never run Python; this script only refreshes what they read.
"""

import json
import os
import pathlib
import subprocess
import sys
import types

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "taguette"


def main():
    try:
        import taguette
        from taguette.import_codebook import list_tags_csv
        from taguette.export import codebook_csv
    except ImportError as e:
        sys.exit(f"Taguette is needed ({e}): pip install taguette==1.5.2")
    print(f"Taguette {taguette.__version__}")

    # 1. Caselens's CSV (the test writes it, then may fail on the stale Taguette reading).
    env = dict(os.environ, UPDATE_FIXTURES="1")
    subprocess.run(
        ["cargo", "test", "--lib", "codebook_csv::tests::taguette_reads"],
        cwd=ROOT, env=env, check=False,
    )
    csv_path = FIXTURES / "caselens-codebook.csv"

    # 2. What Taguette's importer reads from it.
    with open(csv_path, "rb") as f:
        tags = list_tags_csv(f)
    pairs = [[t["path"], t["description"]] for t in tags]
    (FIXTURES / "caselens-codebook.taguette.json").write_text(
        json.dumps(pairs, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"Taguette read {len(pairs)} tags from {csv_path.name}")

    # 2b. The whole codebook (the bundled frameworks' codes too), checked, not kept: every tag
    # Taguette reads must pass its own tag check (a path of at most 200 characters).
    from taguette import validate
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        full = pathlib.Path(tmp) / "full.csv"
        subprocess.run(
            ["cargo", "run", "--quiet", "--", "export", "codebook-csv", "-o", str(full)],
            cwd=ROOT, check=True,
        )
        with open(full, "rb") as f:
            every = list_tags_csv(f)
        for t in every:
            validate.tag_path(t["path"])
        print(f"Taguette reads all {len(every)} codes of the full codebook")

    # 3. A codebook written by Taguette's exporter.
    def tag(path, description):
        return types.SimpleNamespace(
            path=path, description=description, highlights_count=2, documents_count=1
        )

    with open(FIXTURES / "taguette-export.csv", "w", encoding="utf-8", newline="") as f:
        codebook_csv(
            [
                tag("interesting", "Further review required"),
                tag("interesting.people", 'People, "quoted"'),
                tag("interesting.places", ""),
                tag("ça va", "Line one\nline two"),
            ],
            f,
        )

    # 4. The Rust tests against the new fixtures.
    subprocess.run(["cargo", "test", "--lib", "codebook_csv"], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
