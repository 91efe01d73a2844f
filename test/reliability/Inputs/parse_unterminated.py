#!/usr/bin/env python3
"""Calls wspParseSourceString (through libwsp.so and ctypes) on text that ends
exactly at a page boundary followed by an inaccessible page, so any read past
`length` faults instead of going unnoticed. The C API takes (pointer, length);
nothing promises a NUL after the text.

Prints `parsed: <n> ok, <m> failed as expected`; dies of SIGSEGV if the parser
reads past the end.
"""
import ctypes
import ctypes.util
import mmap
import os
import shutil
import sys

PAGE = mmap.PAGESIZE


def find_libwsp():
    tool = shutil.which("wsp-opt")
    if not tool:
        sys.exit("parse_unterminated: wsp-opt is not on PATH")
    lib = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(tool))), "lib", "libwsp.so")
    if not os.path.exists(lib):
        sys.exit(f"parse_unterminated: no {lib}")
    return lib


class Handle(ctypes.Structure):
    _fields_ = [("ptr", ctypes.c_void_p)]


def main():
    wsp = ctypes.CDLL(find_libwsp())
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    wsp.wspContextCreate.restype = Handle
    wsp.wspContextDestroy.argtypes = [Handle]
    wsp.wspParseSourceString.restype = Handle
    wsp.wspParseSourceString.argtypes = [Handle, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p]
    libc.mmap.restype = ctypes.c_void_p
    libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int,
                          ctypes.c_int, ctypes.c_long]
    libc.mprotect.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    PROT_NONE, PROT_RW, MAP_PRIVATE_ANON = 0, 3, 0x02 | 0x20
    mlir_module_destroy = getattr(wsp, "mlirModuleDestroy", None)

    # Texts that end where the lexer is still inside a token or a construct.
    texts = [b"module {", b"module {}", b'"', b"%x = arith.constant 1", b"// comment",
             b"#a = 1", b"1.5e", b'"abc\\', b"0x", b"^bb", b"@", b"!", b"{-#", b'loc("']
    ctx = wsp.wspContextCreate()
    ok = failed = 0
    for text in texts:
        base = libc.mmap(None, 2 * PAGE, PROT_RW, MAP_PRIVATE_ANON, -1, 0)
        libc.mprotect(base + PAGE, PAGE, PROT_NONE)
        start = base + PAGE - len(text)
        ctypes.memmove(start, text, len(text))
        module = wsp.wspParseSourceString(ctx, start, len(text), b"unterminated.mlir")
        if module.ptr:
            ok += 1
            if mlir_module_destroy:
                mlir_module_destroy.argtypes = [Handle]
                mlir_module_destroy(module)
        else:
            failed += 1
        libc.munmap(base, 2 * PAGE)
    wsp.wspContextDestroy(ctx)
    print(f"parsed: {ok} ok, {failed} failed as expected")


if __name__ == "__main__":
    main()
