#!/usr/bin/env python3
"""Builds wsp-fuzz's seed corpus from the tree's own inputs.

Every `*.mlir` under test/ (Inputs/ included) and examples/ is split on
`// -----` lines, as `wsp-opt --split-input-file` would, and each chunk becomes
one seed named by the SHA-1 of its bytes (so rebuilding is idempotent and
duplicates collapse). Full-line comments (RUN and CHECK lines, prose) are
dropped: they mean nothing to the parser and only make mutations slower.

--workdir gets the user kernel source files that seeds name (`wsp.source` /
`source = "..."`, relative paths only), so the emitter's source-kernel path
is reachable when wsp-fuzz runs there (scripts/fuzz.sh does).

Prints the number of seeds and the largest seed's size, for -max_len.
"""
import argparse
import hashlib
import pathlib
import re
import shutil

SPLIT = re.compile(r"^// -----.*$", re.M)
COMMENT_LINE = re.compile(r"^\s*//.*\n?", re.M)
SOURCE = re.compile(r'(?:wsp\.source|\bsource)\s*=\s*"([^"\\]+)"')


def chunks(text):
    for chunk in SPLIT.split(text):
        chunk = COMMENT_LINE.sub("", chunk).strip()
        if chunk:
            yield chunk + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", required=True, type=pathlib.Path)
    ap.add_argument("--seeds", required=True, type=pathlib.Path)
    ap.add_argument("--workdir", required=True, type=pathlib.Path)
    args = ap.parse_args()

    # A fresh directory each time: seeds of deleted tests must not linger.
    shutil.rmtree(args.seeds, ignore_errors=True)
    args.seeds.mkdir(parents=True)
    args.workdir.mkdir(parents=True, exist_ok=True)
    files = sorted(args.root.glob("test/**/*.mlir")) + sorted(args.root.glob("examples/*/*.mlir"))
    seeds, largest = set(), 0
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        for chunk in chunks(text):
            data = chunk.encode()
            name = hashlib.sha1(data).hexdigest()
            if name not in seeds:
                (args.seeds / name).write_bytes(data)
                seeds.add(name)
                largest = max(largest, len(data))
        for source in SOURCE.findall(text):
            if source.startswith("/") or ".." in source:
                continue
            kernel = args.workdir / source
            kernel.parent.mkdir(parents=True, exist_ok=True)
            if not kernel.exists():
                kernel.write_text("// a user kernel for wsp-fuzz\n"
                                  "extern \"C\" void kernel_entry(long long *args) { (void)args; }\n")
    print(f"make_corpus: {len(seeds)} seeds from {len(files)} files, largest {largest} bytes")


if __name__ == "__main__":
    main()
