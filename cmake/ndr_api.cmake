# ndr_api.cmake - read the public header and list the functions it declares.
#
# cmake -DHEADER=include/ndrcode.h -DMAP=libndrcode.map -DLIST=fns.txt
#       -P ndr_api.cmake
#
# MAP becomes a linker version script that exports exactly those functions
# from the shared library; LIST holds one function name a line (the install
# step makes a man3 link for each, and tests compare it with the man page).
# A function is any "ndr_name(" left once comments and preprocessor lines
# (with their backslash continuations) are removed; typedef'd function
# pointers, written "(*ndr_name)(", do not match.
foreach(v HEADER MAP LIST)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "ndr_api.cmake: -D${v}=... is required")
  endif()
endforeach()

file(READ "${HEADER}" text)
# Comments: /* ... */ (the header has no // comments).
string(REGEX REPLACE "/\\*([^*]|\\*+[^*/])*\\*+/" " " text "${text}")
# Preprocessor lines and their continuations.
string(REGEX REPLACE "\\\\\n" " " text "${text}")
string(REGEX REPLACE "(^|\n)[ \t]*#[^\n]*" "\n" text "${text}")

string(REGEX MATCHALL "[^A-Za-z0-9_*(]\\**[ \t]*ndr_[a-z0-9_]+[ \t]*\\("
       calls "${text}")
set(names "")
foreach(c IN LISTS calls)
  string(REGEX MATCH "ndr_[a-z0-9_]+" n "${c}")
  list(APPEND names "${n}")
endforeach()
list(REMOVE_DUPLICATES names)
list(SORT names)
list(LENGTH names count)
if(count EQUAL 0)
  message(FATAL_ERROR "ndr_api.cmake: no ndr_ function found in ${HEADER}")
endif()

set(map "/* Generated from include/ndrcode.h by cmake/ndr_api.cmake - do not edit. */\n{\n  global:\n")
set(list "")
foreach(n IN LISTS names)
  string(APPEND map "    ${n};\n")
  string(APPEND list "${n}\n")
endforeach()
string(APPEND map "  local:\n    *;\n};\n")

file(WRITE "${MAP}" "${map}")
file(WRITE "${LIST}" "${list}")
