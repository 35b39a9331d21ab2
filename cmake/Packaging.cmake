# Packaging.cmake - Debian packages through CPack, split the way Debian
# splits a library (included at the end of the root CMakeLists.txt):
#
#   component  package      contents
#   lib        libcpd0      libcpd.so.0, libcpd.so.0.x.y (SONAME libcpd.so.0);
#                           shlibs, symbols, ldconfig in postinst/postrm
#   dev        libcpd-dev   cpd.h, libcpd.a, the libcpd.so link, libcpd.pc,
#                           lib/<multiarch>/cmake/libcpd/
#   cli        cpd          /usr/bin/cpd
#   python     python3-cpd  /usr/lib/python3/dist-packages/cpd/
#   sqlite     libsqlite3-mod-cpd  cpd_sqlite.so in the multiarch libdir,
#                           where SQLite's `.load cpd_sqlite` finds it
#   postgresql postgresql-15-cpd   the extension cpd in PostgreSQL 15's
#                           pkglibdir and sharedir/extension (sql/)
#
# The packages need a build configured for /usr, so that GNUInstallDirs
# picks the multiarch libdir and the Python package lands in Debian's
# dist-packages; scripts/package configures build-deb/ that way and runs
# `cpack -G DEB`.  cpack refuses a build for another prefix
# (cmake/CPackProjectConfig.cmake.in).  Depends: dpkg-shlibdeps for what
# the binaries link (libc6, libcjson1, libutf8proc2, libcsv3), declared for
# the rest.

get_target_property(CPD_SOVERSION cpd_shared SOVERSION)
# CPD_DEB_LIB_PACKAGE (libcpdN) and CPD_DEB_SYMBOLS come from libcpd/.
set(CPD_DEB_RELEASE 1 CACHE STRING "Debian revision of the packages (the -N)")
set(CPD_DEB_VERSION "${PROJECT_VERSION}-${CPD_DEB_RELEASE}")
set(CPD_PACKAGE_CONTACT "libcpd maintainers <maintainers@libcpd.invalid>"
    CACHE STRING "Maintainer field of the Debian packages")

set(CPACK_PACKAGE_NAME libcpd)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "libcpd")
set(CPACK_PACKAGE_CONTACT "${CPD_PACKAGE_CONTACT}")
# (No CPACK_PACKAGE_DESCRIPTION_SUMMARY: CPack would put it in front of
# each package's own description, whose first line is its synopsis.)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING IGNORE) # one package per component

set(CPD_DEB_COMPONENTS lib dev)
if(CPD_BUILD_CLI)
  list(APPEND CPD_DEB_COMPONENTS cli)
endif()
if(TARGET cpd_python)
  list(APPEND CPD_DEB_COMPONENTS python)
endif()
# The SQL extensions that sql/CMakeLists.txt built (CPD_SQL).
get_property(_cpd_sql_components GLOBAL PROPERTY CPD_SQL_COMPONENTS)
list(APPEND CPD_DEB_COMPONENTS ${_cpd_sql_components})
set(CPACK_COMPONENTS_ALL ${CPD_DEB_COMPONENTS})

set(CPACK_DEBIAN_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_PACKAGE_RELEASE ${CPD_DEB_RELEASE})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # NAME_VERSION-REVISION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# libcpd0: the shared library.  shlibs says "libcpd 0 libcpd0 (>= VERSION)"
# and comes with postinst/postrm running ldconfig; the symbols file
# (packaging/debian/libcpd.symbols.in) gives each exported symbol the
# first package version of its version node (libcpd.map).
set(CPACK_DEBIAN_LIB_PACKAGE_NAME ${CPD_DEB_LIB_PACKAGE})
set(CPACK_DEBIAN_LIB_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIB_DESCRIPTION
"CPD-points renewal rules engine (shared library)
libcpd checks CPD-point renewal applications for the OMP and CAP
qualifications: it places each activity in its section and year, applies
the caps, the window, the fee and the oath, and returns a decision with
diagnostics in English and Japanese.
.
This package holds the shared library libcpd.so.${CPD_SOVERSION}.")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
# The symbols file lists every exported symbol with the first package
# version of its node; libcpd/CMakeLists.txt writes it after each link of
# libcpd.so (cmake/DebSymbols.cmake), since a build step can only be
# attached to a target in the folder that makes it.
set(CPACK_DEBIAN_LIB_PACKAGE_CONTROL_EXTRA ${CPD_DEB_SYMBOLS})

# libcpd-dev: what a program that links libcpd needs to build.  The static
# library and libcpd.pc's Requires.private need cJSON's and utf8proc's
# development files.
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libcpd-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "${CPD_DEB_LIB_PACKAGE} (= ${CPD_DEB_VERSION}), libcjson-dev, libutf8proc-dev")
set(CPACK_DEBIAN_DEV_DESCRIPTION
"CPD-points renewal rules engine (development files)
libcpd checks CPD-point renewal applications for the OMP and CAP
qualifications.
.
This package holds the header cpd.h, the static library, the pkg-config
file libcpd.pc and the CMake package (find_package(libcpd)).")

set(CPACK_DEBIAN_CLI_PACKAGE_NAME cpd)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_CLI_DESCRIPTION
"check CPD-point renewal applications from the command line
cpd checks renewal applications for the OMP and CAP qualifications (JSON,
NDJSON batches, CSV exports), prints reports and the filled-in form, plans
the points still missing, samples the annual audit and redacts personal
data.")

if(TARGET cpd_python)
  # The extension is built for one Python (its SOABI in the file name;
  # bindings/python/ records the version on the target).
  get_target_property(CPD_DEB_PYTHON cpd_python CPD_PYTHON_VERSION)
  string(REPLACE "." ";" _cpd_py_version "${CPD_DEB_PYTHON}")
  list(GET _cpd_py_version 0 _cpd_py_major)
  list(GET _cpd_py_version 1 _cpd_py_minor)
  math(EXPR _cpd_py_next "${_cpd_py_minor} + 1")
  set(CPACK_DEBIAN_PYTHON_PACKAGE_NAME python3-cpd)
  set(CPACK_DEBIAN_PYTHON_PACKAGE_SECTION python)
  set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS
      "python3 (>= ${CPD_DEB_PYTHON}~), python3 (<< ${_cpd_py_major}.${_cpd_py_next})")
  set(CPACK_DEBIAN_PYTHON_DESCRIPTION
"CPD-points renewal rules engine (Python 3 binding)
libcpd checks CPD-point renewal applications for the OMP and CAP
qualifications.
.
This package holds the Python 3 module cpd (import cpd).")
  # Byte-compile on install and clean up on removal, as dh_python3 does.
  foreach(_script postinst prerm)
    configure_file(
      ${CMAKE_CURRENT_SOURCE_DIR}/packaging/debian/python3-cpd.${_script}.in
      ${CMAKE_CURRENT_BINARY_DIR}/debian/python/${_script} @ONLY)
  endforeach()
  set(CPACK_DEBIAN_PYTHON_PACKAGE_CONTROL_EXTRA
      ${CMAKE_CURRENT_BINARY_DIR}/debian/python/postinst
      ${CMAKE_CURRENT_BINARY_DIR}/debian/python/prerm)
endif()

# The SQLite extension: a module SQLite loads (no link to libsqlite3: the
# host's functions come through its API table), linking libcpd statically.
if("sqlite" IN_LIST _cpd_sql_components)
  set(CPACK_DEBIAN_SQLITE_PACKAGE_NAME libsqlite3-mod-cpd)
  set(CPACK_DEBIAN_SQLITE_PACKAGE_SECTION libs)
  set(CPACK_DEBIAN_SQLITE_PACKAGE_DEPENDS "libsqlite3-0 (>= 3.31)")
  set(CPACK_DEBIAN_SQLITE_PACKAGE_ENHANCES "sqlite3")
  set(CPACK_DEBIAN_SQLITE_DESCRIPTION
"CPD-points renewal rules engine (SQLite extension)
libcpd checks CPD-point renewal applications for the OMP and CAP
qualifications.
.
This package holds the SQLite loadable extension cpd_sqlite.so
(.load cpd_sqlite): cpd_check, cpd_decision, cpd_counted, cpd_plan,
cpd_redact, cpd_input_error and the table-valued cpd_diagnostics.")
endif()
# The PostgreSQL extension: CREATE EXTENSION cpd.  Its module's undefined
# symbols are the server's own.
if("postgresql" IN_LIST _cpd_sql_components)
  get_property(_cpd_pg_major GLOBAL PROPERTY CPD_PG_MAJOR)
  set(CPACK_DEBIAN_POSTGRESQL_PACKAGE_NAME postgresql-${_cpd_pg_major}-cpd)
  set(CPACK_DEBIAN_POSTGRESQL_PACKAGE_SECTION database)
  set(CPACK_DEBIAN_POSTGRESQL_PACKAGE_DEPENDS "postgresql-${_cpd_pg_major}")
  set(CPACK_DEBIAN_POSTGRESQL_DESCRIPTION
"CPD-points renewal rules engine (PostgreSQL ${_cpd_pg_major} extension)
libcpd checks CPD-point renewal applications for the OMP and CAP
qualifications.
.
This package holds the PostgreSQL extension cpd (CREATE EXTENSION cpd):
cpd_check, cpd_decision, cpd_counted, cpd_plan, cpd_redact,
cpd_input_error and the set-returning cpd_diagnostics over jsonb, json
and text; immutable, strict and parallel safe.")
endif()

# Checked when cpack runs: the build is for /usr and the Python package
# goes to Debian's dist-packages.
set(CPD_DEB_PYTHON_DIR "")
if(TARGET cpd_python)
  get_target_property(CPD_DEB_PYTHON_DIR cpd_python CPD_PYTHON_INSTALL_DIR)
endif()
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/CPackProjectConfig.cmake.in
               ${CMAKE_CURRENT_BINARY_DIR}/CPackProjectConfig.cmake @ONLY)
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_BINARY_DIR}/CPackProjectConfig.cmake)

include(CPack)
