#!/usr/bin/env python3
"""Checks that no source file of libwsp depends on another that depends back on it
(docs/architecture.md): file A depends on file B when A's object file uses a symbol
B's object file defines (nm). Prints every cycle (a strongly connected component of
more than one file) and exits 1 when there is one.

    scripts/check-deps.py [build-dir] [source-prefix ...] [--root DIR]
    (defaults: build, codegen/, the repository; objects whose source is gone are stale)
"""
import pathlib
import subprocess
import sys


def symbols(obj):
    out = subprocess.run(["nm", "-P", str(obj)], capture_output=True, text=True,
                         check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        name, kind = parts[0], parts[1]
        if kind == "U":
            undefined.add(name)
        elif kind in "TDBRC":
            defined.add(name)
    return defined, undefined


def sccs(graph):
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main(argv):
    root = pathlib.Path(__file__).resolve().parents[1]
    args = argv[1:]
    if "--root" in args:
        i = args.index("--root")
        root = pathlib.Path(args[i + 1])
        del args[i:i + 2]
    build = pathlib.Path(args[0]) if args else root / "build"
    prefixes = args[1:] or ["codegen/"]
    objdir = build / "lib" / "CMakeFiles" / "wsp_objects.dir"
    files = {}
    for obj in sorted(objdir.rglob("*.o")):
        rel = obj.relative_to(objdir).as_posix().replace("__/", "", 1)[:-2]  # x.c.o -> x.c
        # objects of sources that no longer exist (moved files) are stale
        if any(rel.startswith(p) for p in prefixes) and (root / rel).is_file():
            files[rel] = symbols(obj)
    if not files:
        print(f"check-deps: no object files for {prefixes} under {objdir}; build first")
        return 1
    owner = {s: f for f, (defined, _) in files.items() for s in defined}
    graph = {f: sorted({owner[s] for s in undefined if s in owner and owner[s] != f})
             for f, (_, undefined) in files.items()}
    cycles = [c for c in sccs(graph) if len(c) > 1]
    for c in cycles:
        print("check-deps: dependency cycle: " + " <-> ".join(c))
        for f in c:
            print(f"  {f} -> {', '.join(d for d in graph[f] if d in c)}")
    if not cycles:
        print(f"check-deps: {len(files)} files under {', '.join(prefixes)}, no dependency cycle")
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
