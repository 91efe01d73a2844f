# The libFuzzer configuration (-DWSP_ENABLE_FUZZER=ON), included from the
# top-level CMakeLists.txt *before* the libraries are added: every wsp object
# must carry the coverage instrumentation (-fsanitize=fuzzer-no-link), else
# libFuzzer would only see the harness and mutate blindly. MLIR's and LLVM's
# prebuilt libraries stay uninstrumented; ASan still intercepts their malloc
# and free, so leaks and double frees of MLIR objects we own are still caught.
#
# Only clang has libFuzzer. scripts/fuzz.sh configures with clang-22.
if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang" OR NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR
    "WSP_ENABLE_FUZZER needs clang for C and C++ (libFuzzer is part of clang): configure with "
    "-DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22, or run scripts/fuzz.sh")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                    -fno-sanitize-recover=all)
# Tools and unit tests of this configuration link the sanitizer runtimes but
# not libFuzzer's main(); only fuzz/wsp-fuzz adds -fsanitize=fuzzer.
add_link_options(-fsanitize=address,undefined)
