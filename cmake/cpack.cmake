# Debian packages (cpack -G DEB in the build directory), one per install
# component of CMakeLists.txt:
#   memsnap          the program, its manual and shell completion
#   libmemsnap<so>   the shared library, named after its soname
#   libmemsnap-dev   headers, libmemsnap.a, memsnap.pc, the CMake package
# Their dependencies come from dpkg-shlibdeps, and each carries the
# copyright and changelog files Debian policy asks for.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME memsnap)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "the memsnap authors")
set(MEMSNAP_MAINTAINER "memsnap developers <memsnap@users.noreply.github.com>"
    CACHE STRING "Maintainer field of the Debian packages")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${MEMSNAP_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# a shlibs file and an ldconfig trigger for the package with the library
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

set(CPACK_DEBIAN_CLI_PACKAGE_NAME memsnap)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION utils)
set(CPACK_COMPONENT_CLI_DESCRIPTION
    "Python tracemalloc snapshots without Python
memsnap reads the memory snapshots Python writes with
tracemalloc.take_snapshot().dump() and prints exactly what Python's
Snapshot.statistics() and compare_to() print, line for line, without Python
installed. It also finds leaks across many snapshots, draws flame graphs and
writes JSON, CSV, TSV, Markdown and folded stacks.")

set(MEMSNAP_SONAME_PACKAGE libmemsnap${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME ${MEMSNAP_SONAME_PACKAGE})
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
# ldconfig runs through dpkg's trigger, as Debian policy 8.1.1 asks
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/cmake/triggers)
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
    "Python tracemalloc snapshots without Python (library)
libmemsnap reads the memory snapshots Python writes with
tracemalloc.take_snapshot().dump() and computes Snapshot.statistics() and
compare_to() exactly as Python does. This package holds the shared library.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libmemsnap-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEV_DEPENDS runtime)
# the static library links zlib, protobuf-c and cJSON, which its users link too
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "zlib1g-dev, libprotobuf-c-dev, libcjson-dev")
set(CPACK_DEBIAN_DEV_PACKAGE_SHLIBDEPS OFF)
set(CPACK_COMPONENT_DEV_DESCRIPTION
    "Python tracemalloc snapshots without Python (development files)
libmemsnap reads the memory snapshots Python writes with
tracemalloc.take_snapshot().dump() and computes Snapshot.statistics() and
compare_to() exactly as Python does. This package holds the headers, the
static library, and the files pkg-config and CMake's find_package() read.")

set(CPACK_COMPONENTS_ALL cli dev)
if(MEMSNAP_SHARED)
  list(APPEND CPACK_COMPONENTS_ALL runtime)
endif()

# /usr/share/doc/PACKAGE/{copyright,changelog.gz} in every package
if(DEFINED ENV{SOURCE_DATE_EPOCH})
  string(TIMESTAMP MEMSNAP_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
else()
  string(TIMESTAMP MEMSNAP_DATE "%a, %d %b %Y 00:00:00 +0000" UTC)
endif()
# (changelog, not changelog.Debian: the version has no Debian revision)
configure_file(${PROJECT_SOURCE_DIR}/cmake/changelog.Debian.in
               ${PROJECT_BINARY_DIR}/debian/changelog @ONLY)
memsnap_gzip(${PROJECT_BINARY_DIR}/debian/changelog)
foreach(component cli runtime dev)
  string(TOUPPER ${component} c)
  install(FILES ${PROJECT_SOURCE_DIR}/cmake/copyright
                ${PROJECT_BINARY_DIR}/debian/changelog.gz
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${CPACK_DEBIAN_${c}_PACKAGE_NAME}
          COMPONENT ${component} EXCLUDE_FROM_ALL)
endforeach()

include(CPack)
