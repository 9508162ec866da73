# NdrInstall.cmake - what `cmake --install` puts in place.
#
#   bin/ndrcode
#   lib/libndrcode.a, and libndrcode.so.* when BUILD_SHARED_LIBS is on
#   lib/pkgconfig/ndrcode.pc
#   include/ndrcode.h
#   share/man/man1/ndrcode.1, share/man/man3/libndrcode.3 (+ one link per
#   function: man3/ndr_explain.3 -> libndrcode.3)
#   share/bash-completion/completions/ndrcode
#   share/zsh/site-functions/_ndrcode (vendor-completions on Debian's /usr)
#   share/fish/vendor_completions.d/ndrcode.fish
#   share/doc/ndrcode/README.md, LICENSE
#
# The generator and the tests are build tools and are never installed.
# Components: "runtime" (command, shared library, man1, completions, docs)
# and "development" (static library, header, pkg-config file, man3).

install(TARGETS ndrcode
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
install(TARGETS libndrcode
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
if(TARGET libndrcode_shared)
  install(TARGETS libndrcode_shared
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
      COMPONENT runtime NAMELINK_COMPONENT development)
endif()
install(FILES ${PROJECT_SOURCE_DIR}/include/ndrcode.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development)

# pkg-config: the file finds the prefix from its own place
# (${pcfiledir}/../.. for lib/pkgconfig), so the install tree can move: it
# stays right after `cmake --install --prefix DIR`, in a DESTDIR staging
# tree, in the .deb and wherever the tarball is unpacked.  pkg-config and
# pkgconf both define pcfiledir.  An absolute LIBDIR or INCLUDEDIR is
# written as it is.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(NDR_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  set(NDR_PC_PREFIX "\${pcfiledir}")
  string(REPLACE "/" ";" ndr_parts "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
  foreach(part IN LISTS ndr_parts)
    if(NOT part STREQUAL "" AND NOT part STREQUAL ".")
      string(APPEND NDR_PC_PREFIX "/..")
    endif()
  endforeach()
endif()
foreach(d LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${d}}")
    set(NDR_PC_${d} "${CMAKE_INSTALL_${d}}")
  else()
    set(NDR_PC_${d} "\${prefix}/${CMAKE_INSTALL_${d}}")
  endif()
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/cmake/ndrcode.pc.in
               ${PROJECT_BINARY_DIR}/ndrcode.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/ndrcode.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT development)

# Manual pages.  man3 gets a symbolic link per public function, so that
# `man ndr_parser_new` finds the library page.
install(FILES ${PROJECT_SOURCE_DIR}/man/ndrcode.1
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/man/libndrcode.3
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man3 COMPONENT development)
install(CODE "
  set(man3 \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_MANDIR}/man3\")
  if(IS_ABSOLUTE \"${CMAKE_INSTALL_MANDIR}\")
    set(man3 \"\$ENV{DESTDIR}${CMAKE_INSTALL_MANDIR}/man3\")
  endif()
  file(STRINGS \"${PROJECT_BINARY_DIR}/src/lib/ndr_functions.txt\" fns)
  foreach(fn IN LISTS fns)
    message(STATUS \"Installing: \${man3}/\${fn}.3 -> libndrcode.3\")
    file(REMOVE \"\${man3}/\${fn}.3\")
    file(CREATE_LINK libndrcode.3 \"\${man3}/\${fn}.3\" SYMBOLIC)
    list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${man3}/\${fn}.3\")
  endforeach()
" COMPONENT development)

# Shell completions, in the directories the shells search.  bash-completion
# loads share/bash-completion/completions/NAME on demand (under /usr and,
# through XDG_DATA_DIRS, /usr/local).  zsh's upstream default fpath holds
# PREFIX/share/zsh/site-functions; Debian's zsh instead reads packages' files
# from /usr/share/zsh/vendor-completions.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr" AND EXISTS /etc/debian_version)
  set(ndr_zsh_default "${CMAKE_INSTALL_DATAROOTDIR}/zsh/vendor-completions")
else()
  set(ndr_zsh_default "${CMAKE_INSTALL_DATAROOTDIR}/zsh/site-functions")
endif()
set(NDR_BASH_COMPLETION_DIR
  "${CMAKE_INSTALL_DATAROOTDIR}/bash-completion/completions"
  CACHE STRING "Where the bash completion is installed")
set(NDR_ZSH_COMPLETION_DIR "${ndr_zsh_default}"
  CACHE STRING "Where the zsh completion (_ndrcode) is installed")
set(NDR_FISH_COMPLETION_DIR
  "${CMAKE_INSTALL_DATAROOTDIR}/fish/vendor_completions.d"
  CACHE STRING "Where the fish completion is installed")
install(FILES ${PROJECT_SOURCE_DIR}/completions/ndrcode.bash
  DESTINATION ${NDR_BASH_COMPLETION_DIR} RENAME ndrcode COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/completions/_ndrcode
  DESTINATION ${NDR_ZSH_COMPLETION_DIR} COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/completions/ndrcode.fish
  DESTINATION ${NDR_FISH_COMPLETION_DIR} COMPONENT runtime)

install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE
  DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
