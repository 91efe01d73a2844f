#!/usr/bin/env python3
"""Finds file-level dependency cycles in wsp and exits nonzero on any that is not allowed.

Two graphs are checked (python3 standard library only):

* C sources, from the build's object files: file A depends on file B when A's object
  has an undefined symbol that B's object defines (``nm -P``). By default the objects of
  libwsp (build/lib/CMakeFiles/wsp_objects.dir) and of its support library
  (wsp_support.dir); ``--objects DIR`` names others.
* Python modules of the wsp package (python/wsp; ``--python DIR`` names others): module
  A depends on module B when A imports B anywhere, at module level or inside a function
  (a lazy import is still a dependency). Importing a package runs its ``__init__``, which
  is a dependency on that module; the implicit import of a module's own parent packages
  is not counted.

Every strongly connected set of files (a "cycle group") is printed with one cycle through
it and the symbols or imports of each step. A group is allowed when every one of its
files matches a pattern on one line of the allow-list (default scripts/cycles-allowed.txt:
one group per line, space-separated repository-relative paths or module names, shell
patterns allowed where ``*`` also crosses ``/``, ``#`` comments), so a known cycle may
shrink but may not reach files outside its line, and any new cycle fails. A line
``A -> B`` (patterns again) instead drops the dependencies of files A on files B before
cycles are searched: for a hub such as a registry that names every pass, whose cycles
would otherwise merge all passes into one group and hide a new cycle among them. Lines
that match no cycle (or no dependency) any more are reported so they can be deleted.

Exit status: 0 no disallowed cycle, 1 a disallowed cycle, 2 a usage or build problem.
"""
import argparse
import ast
import fnmatch
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# --------------------------------------------------------------------------- graphs

def strongly_connected(graph):
    """The strongly connected components of graph (node -> set of nodes) with more than
    one node, each sorted, in sorted order (Tarjan, iterative: deep graphs are fine)."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    n = stack.pop()
                    on_stack.discard(n)
                    comp.append(n)
                    if n == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return sorted(out)


def one_cycle(graph, group):
    """A shortest cycle through the first node of group, staying inside group."""
    members = set(group)
    start = group[0]
    prev = {start: None}
    frontier = [start]
    while frontier:
        nxt = []
        for node in frontier:
            for child in sorted(graph.get(node, ())):
                if child not in members:
                    continue
                if child == start:
                    path = [node]
                    while prev[path[-1]] is not None:
                        path.append(prev[path[-1]])
                    return list(reversed(path)) + [start]
                if child not in prev:
                    prev[child] = node
                    nxt.append(child)
        frontier = nxt
    return [start]


# --------------------------------------------------------------------------- C objects

def find_nm():
    for name in ("nm", "llvm-nm", "/usr/lib/llvm-22/bin/llvm-nm"):
        path = shutil.which(name) or (name if os.path.isfile(name) else None)
        if path:
            return path
    return None


def source_of(obj, objdir, build, root):
    """The repository-relative source path of an object file of a CMake target, or None
    for a stale object (its source is gone, e.g. moved since the last configure).

    CMake names objects <target>.dir/<source relative to the target's folder>.o with
    '..' spelled '__'; generated sources live in the build folder."""
    rel = os.path.relpath(obj, objdir)
    if rel.endswith(".o"):
        rel = rel[:-2]
    rel = os.path.join(*[".." if p == "__" else p for p in rel.split(os.sep)])
    # objdir is <build>/<folder>/CMakeFiles/<target>.dir
    target_build = os.path.dirname(os.path.dirname(objdir))
    folder = os.path.relpath(target_build, build)
    path = os.path.normpath(os.path.join(folder, rel))
    if os.path.exists(os.path.join(root, path)):
        return path.replace(os.sep, "/")
    if os.path.exists(os.path.join(build, path)):
        return ("<build>/" + path).replace(os.sep, "/")  # generated
    return None


def c_graph(objdirs, build, root, nm):
    """(graph, reasons, stale): file -> files it uses; (a, b) -> symbols a uses from b;
    the objects skipped because their source is gone."""
    defined, undefined, stale = {}, {}, []
    for objdir in objdirs:
        for dirpath, _, files in os.walk(objdir):
            for f in sorted(files):
                if not f.endswith(".o"):
                    continue
                obj = os.path.join(dirpath, f)
                src = source_of(obj, objdir, build, root)
                if src is None:
                    stale.append(os.path.relpath(obj, build))
                    continue
                r = subprocess.run([nm, "-P", obj], capture_output=True, text=True)
                if r.returncode != 0:
                    raise SystemExit(f"check-cycles: {nm} -P {obj} failed: {r.stderr.strip()}")
                for line in r.stdout.splitlines():
                    parts = line.split()
                    if len(parts) < 2:
                        continue
                    sym, kind = parts[0], parts[1]
                    if kind == "U":
                        undefined.setdefault(src, set()).add(sym)
                    elif kind.isupper():
                        defined.setdefault(sym, set()).add(src)
                        undefined.setdefault(src, set())
    graph, reasons = {}, {}
    for src, syms in undefined.items():
        graph.setdefault(src, set())
        for sym in syms:
            for other in defined.get(sym, ()):
                if other != src:
                    graph[src].add(other)
                    reasons.setdefault((src, other), []).append(sym)
    return graph, reasons, stale


# --------------------------------------------------------------------------- Python

def python_modules(pkgdir):
    """module name -> file for every .py under the package folder pkgdir."""
    base = os.path.dirname(os.path.abspath(pkgdir))
    mods = {}
    for dirpath, dirs, files in os.walk(pkgdir):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for f in sorted(files):
            if not f.endswith(".py"):
                continue
            path = os.path.join(dirpath, f)
            parts = os.path.relpath(path, base)[:-3].split(os.sep)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            mods[".".join(parts)] = path
    return mods


def python_graph(pkgdirs):
    mods = {}
    for d in pkgdirs:
        mods.update(python_modules(d))
    graph, reasons = {m: set() for m in mods}, {}

    def add(src, target, line):
        # the longest known module that target names (a.b.c -> a.b when c is a name)
        while target and target not in mods:
            target = target.rpartition(".")[0]
        if target and target != src:
            graph[src].add(target)
            reasons.setdefault((src, target), []).append(f"line {line}")

    for name, path in mods.items():
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read(), path)
        is_pkg = os.path.basename(path) == "__init__.py"
        package = name if is_pkg else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    add(name, a.name, node.lineno)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[:len(base) - (node.level - 1)] if node.level > 1 else base
                    mod = ".".join(base + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                for a in node.names:
                    full = f"{mod}.{a.name}"
                    add(name, full if full in mods else mod, node.lineno)
    return graph, reasons


# --------------------------------------------------------------------------- report

def read_allowed(path):
    groups = []
    if path is None or not os.path.exists(path):
        return groups
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.split("#", 1)[0].split()
            if line:
                groups.append((n, line))
    return groups


def _matches(name, patterns):
    return any(fnmatch.fnmatchcase(name, p) for p in patterns)


def allowed_by(group, allowed):
    """The allow-list line number whose patterns cover every file of group, or None."""
    for n, patterns in allowed:
        if "->" not in patterns and all(_matches(f, patterns) for f in group):
            return n
    return None


def drop_allowed_edges(graph, allowed, used):
    """Removes the dependencies an ``A -> B`` line allows; returns how many."""
    dropped = 0
    for n, patterns in allowed:
        if "->" not in patterns:
            continue
        i = patterns.index("->")
        src, dst = patterns[:i], patterns[i + 1:]
        for a in graph:
            if not _matches(a, src):
                continue
            gone = {b for b in graph[a] if _matches(b, dst)}
            if gone:
                graph[a] -= gone
                dropped += len(gone)
                used.add(n)
    return dropped


def report(kind, graph, reasons, allowed, used):
    bad = 0
    dropped = drop_allowed_edges(graph, allowed, used)
    if dropped:
        print(f"{kind}: {dropped} dependencies dropped by 'A -> B' lines of the allow-list")
    for group in strongly_connected(graph):
        entry = allowed_by(group, allowed)
        cycle = one_cycle(graph, group)
        status = f"allowed (allow-list line {entry})" if entry else "NOT ALLOWED"
        print(f"{kind} cycle group of {len(group)} files, {status}:")
        print("  " + "  ".join(group))
        print("  for example:")
        for a, b in zip(cycle, cycle[1:]):
            why = sorted(set(reasons.get((a, b), [])))
            more = f" (+{len(why) - 4} more)" if len(why) > 4 else ""
            print(f"    {a} -> {b}: {', '.join(why[:4])}{more}")
        if entry:
            used.add(entry)
        else:
            bad += 1
    return bad


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=os.environ.get("WSP_BUILD_DIR", os.path.join(ROOT, "build")),
                    help="the build folder (default $WSP_BUILD_DIR or <repo>/build)")
    ap.add_argument("--objects", action="append", default=None, metavar="DIR",
                    help="a CMake target's object folder (<build>/<dir>/CMakeFiles/<t>.dir); "
                    "repeatable; default libwsp's wsp_objects and wsp_support")
    ap.add_argument("--python", action="append", default=None, metavar="DIR",
                    help="a Python package folder; repeatable; default <repo>/python/wsp")
    ap.add_argument("--allow", default=os.path.join(ROOT, "scripts", "cycles-allowed.txt"),
                    help="the allow-list (default scripts/cycles-allowed.txt); 'none' for none")
    ap.add_argument("--root", default=ROOT, help="the source tree the objects were built from")
    ap.add_argument("--no-c", action="store_true", help="skip the C objects")
    ap.add_argument("--no-python", action="store_true", help="skip the Python modules")
    args = ap.parse_args(argv)

    build = os.path.abspath(args.build)
    allowed = read_allowed(None if args.allow == "none" else args.allow)
    used = set()
    bad = 0
    checked = []
    if not args.no_c:
        objdirs = args.objects or [
            os.path.join(build, "lib", "CMakeFiles", t + ".dir")
            for t in ("wsp_objects", "wsp_support")]
        objdirs = [os.path.abspath(d) for d in objdirs]
        missing = [d for d in objdirs if not os.path.isdir(d)]
        if missing:
            print(f"check-cycles: no object folder {missing[0]}; build first (scripts/build.sh) "
                  "or name one with --objects", file=sys.stderr)
            return 2
        nm = find_nm()
        if nm is None:
            print("check-cycles: no nm or llvm-nm on PATH", file=sys.stderr)
            return 2
        graph, reasons, stale = c_graph(objdirs, build, os.path.abspath(args.root), nm)
        if stale:
            print(f"note: skipped {len(stale)} stale object{'s' if len(stale) != 1 else ''} "
                  f"whose source is gone (rebuild to remove them): {', '.join(stale[:3])}"
                  f"{', ...' if len(stale) > 3 else ''}")
        bad += report("C", graph, reasons, allowed, used)
        checked.append(f"{len(graph)} C files")
    if not args.no_python:
        pkgs = args.python or [os.path.join(ROOT, "python", "wsp")]
        graph, reasons = python_graph(pkgs)
        bad += report("Python", graph, reasons, allowed, used)
        checked.append(f"{len(graph)} Python modules")
    for n, files in allowed if not (args.no_c or args.no_python) else ():
        if n not in used:
            print(f"note: allow-list line {n} ({' '.join(files)}) matches no cycle any more; "
                  "delete it")
    if bad:
        print(f"check-cycles: {bad} dependency cycle group{'s' if bad != 1 else ''} not allowed "
              f"({', '.join(checked)}); break each by moving the shared code into a file both "
              "sides include, so dependencies run one way (docs/architecture.md)")
        return 1
    print(f"check-cycles: no disallowed dependency cycle ({', '.join(checked)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
