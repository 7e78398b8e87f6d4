# The warning list, each flag probed before use (as cJSON does), so the
# same list works with gcc and clang.
include(CheckCCompilerFlag)

set(BENCHDB_WARNING_CANDIDATES
  -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wformat-truncation=1
  -Wmissing-prototypes -Wstrict-prototypes -Wold-style-definition
  -Wpointer-arith -Wcast-qual -Wwrite-strings -Wundef -Wvla
  -Wnull-dereference -Wdouble-promotion -Wimplicit-fallthrough
  -Wno-unused-parameter)

set(BENCHDB_WARNINGS "")
foreach(flag IN LISTS BENCHDB_WARNING_CANDIDATES)
  string(MAKE_C_IDENTIFIER "HAVE_C${flag}" var)
  check_c_compiler_flag(${flag} ${var})
  if(${var})
    list(APPEND BENCHDB_WARNINGS ${flag})
  endif()
endforeach()
if(BENCHDB_WERROR)
  list(APPEND BENCHDB_WARNINGS -Werror)
endif()

function(benchdb_warnings target)
  target_compile_options(${target} PRIVATE ${BENCHDB_WARNINGS})
endfunction()
