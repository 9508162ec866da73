# NdrPackage.cmake - `cpack` in the build folder makes a Debian package and a
# tarball of the install tree:
#
#   cmake -B build -DCMAKE_INSTALL_PREFIX=/usr && cmake --build build
#   cd build && cpack        # ndrcode_0.1.0_amd64.deb, ndrcode-0.1.0-Linux.tar.gz
#
# Both hold what `cmake --install` installs (cmake/NdrInstall.cmake).  The
# .deb installs under the configured prefix, so configure a package build
# with -DCMAKE_INSTALL_PREFIX=/usr (Debian packages must not use /usr/local).
# The tarball is laid out relative to the prefix (bin/, lib/, share/) and
# works wherever it is unpacked: the command is linked statically against
# the library, and ndrcode.pc finds its prefix from its own place.

set(NDR_PACKAGE_MAINTAINER "The ndrcode developers <ndrcode@example.org>"
  CACHE STRING "Maintainer field of the Debian package")

set(CPACK_PACKAGE_NAME ndrcode)
set(CPACK_PACKAGE_VENDOR "The ndrcode developers")
set(CPACK_PACKAGE_CONTACT "${NDR_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "explain SMTP status codes and read bounce messages")
set(CPACK_PACKAGE_DESCRIPTION
"ndrcode tells a mail administrator what an SMTP status code means, whose
problem it is and what to do about it: the enhanced status codes of RFC 3463
and the IANA registry, the basic reply codes of RFC 5321, and the codes and
diagnostic tokens of Exchange, Exchange Online, Gmail and other providers.
It also reads bounce messages (single messages, mbox files, Maildir
folders, delivery status notifications per RFC 3464) and prints one record
per bounced recipient as text, JSON Lines or TSV, for batch jobs that keep
suppression lists.
This package holds the ndrcode command, the libndrcode C library (shared
and static, with its header and pkg-config file), manual pages, and bash,
zsh and fish completions.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_RESOURCE_FILE_README ${PROJECT_SOURCE_DIR}/README.md)
set(CPACK_GENERATOR DEB TGZ)
set(CPACK_STRIP_FILES ON)
set(CPACK_VERBATIM_VARIABLES ON)
# One package whatever the install components.
set(CPACK_DEB_COMPONENT_INSTALL OFF)
set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)

# Debian.
set(CPACK_DEBIAN_PACKAGE_NAME ndrcode)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${NDR_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
find_program(NDR_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(NDR_DPKG_SHLIBDEPS)
  # Depends: computed from the libraries the binaries use (libc6).
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  message(STATUS "dpkg-shlibdeps not found (package dpkg-dev): the .deb "
                 "gets no Depends line")
endif()
if(BUILD_SHARED_LIBS)
  # A shlibs file, and maintainer scripts that run ldconfig for
  # libndrcode.so.  Ours replace the ones CPack would write, so that they
  # also work when dpkg installs into another root (DPKG_ROOT).
  set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
  set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/cmake/debian/postinst
    ${PROJECT_SOURCE_DIR}/cmake/debian/postrm)
endif()

# The .deb installs under the configured prefix; the tarball is relative.
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_BINARY_DIR}/NdrCPackOptions.cmake)
file(WRITE ${PROJECT_BINARY_DIR}/NdrCPackOptions.cmake
"# Written by cmake/NdrPackage.cmake: per-generator CPack settings.
if(CPACK_GENERATOR STREQUAL \"DEB\")
  set(CPACK_PACKAGING_INSTALL_PREFIX \"${CMAKE_INSTALL_PREFIX}\")
  if(NOT CPACK_PACKAGING_INSTALL_PREFIX STREQUAL \"/usr\")
    message(WARNING \"the .deb installs under ${CMAKE_INSTALL_PREFIX}; \"
      \"configure with -DCMAKE_INSTALL_PREFIX=/usr for a Debian package\")
  endif()
else()
  set(CPACK_PACKAGING_INSTALL_PREFIX \"\")
endif()
")

# `cpack --config CPackSourceConfig.cmake`: a source tarball of the tree.
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\.git" "/build[^/]*/" "\\.swp$")

include(CPack)
