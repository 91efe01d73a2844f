#!/usr/bin/env python3
"""Writes truncated copies of inputs: each FILE cut after 1/N, 2/N, ...,
(N-1)/N of its bytes (and one byte short of whole), into OUTDIR as
<name>.cut<bytes>.mlir. A directory argument stands for its */*.mlir (so
`examples` covers every bundled example, present and future).

Usage: truncate.py --cuts N OUTDIR PATH...
"""
import argparse
import glob
import os


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cuts", type=int, default=20)
    ap.add_argument("outdir")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    count = 0
    files = []
    for path in args.files:
        files += sorted(glob.glob(os.path.join(path, "*", "*.mlir"))) if os.path.isdir(path) else [path]
    for path in files:
        data = open(path, "rb").read()
        stem = os.path.splitext(os.path.basename(path))[0]
        cuts = {len(data) * k // args.cuts for k in range(1, args.cuts)} | {len(data) - 1}
        for cut in sorted(cuts):
            with open(os.path.join(args.outdir, f"{stem}.cut{cut:05d}.mlir"), "wb") as f:
                f.write(data[:cut])
            count += 1
    print(f"truncate: {count} files from {len(files)} inputs")


if __name__ == "__main__":
    main()
