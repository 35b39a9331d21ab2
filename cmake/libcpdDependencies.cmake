# libcpdDependencies.cmake - finds cJSON and utf8proc and wraps each in one
# IMPORTED target, cpd::dep_cjson and cpd::dep_utf8proc.
#
# The same file serves the build and the installed package: the exported
# static target cpd::cpd_static names these two targets in its link
# interface, so libcpdConfig.cmake includes this file to re-create them on
# the consumer's machine.  A target is simply not created when its library
# cannot be found; that only matters to a consumer of cpd::cpd_static
# (cpd::cpd links them privately inside libcpd.so).
#
# pkg-config first (Debian ships libcjson.pc and libutf8proc.pc), then a
# plain find_path/find_library for systems without pkg-config.

if(NOT COMMAND pkg_check_modules)
  find_package(PkgConfig QUIET)
endif()

# _libcpd_find_dep(TARGET PCNAME HEADER LIBNAME)
macro(_libcpd_find_dep _target _pc _header _lib)
  if(NOT TARGET ${_target})
    string(MAKE_C_IDENTIFIER "LIBCPD_DEP_${_pc}" _libcpd_prefix)
    string(TOUPPER "${_libcpd_prefix}" _libcpd_prefix)
    if(PKG_CONFIG_FOUND)
      pkg_check_modules(${_libcpd_prefix} QUIET IMPORTED_TARGET ${_pc})
    endif()
    if(${_libcpd_prefix}_FOUND)
      add_library(${_target} INTERFACE IMPORTED)
      target_link_libraries(${_target} INTERFACE PkgConfig::${_libcpd_prefix})
    else()
      find_path(${_libcpd_prefix}_INCLUDE_DIR NAMES ${_header})
      find_library(${_libcpd_prefix}_LIBRARY NAMES ${_lib})
      if(${_libcpd_prefix}_INCLUDE_DIR AND ${_libcpd_prefix}_LIBRARY)
        add_library(${_target} UNKNOWN IMPORTED)
        set_target_properties(${_target} PROPERTIES
          IMPORTED_LOCATION "${${_libcpd_prefix}_LIBRARY}"
          INTERFACE_INCLUDE_DIRECTORIES "${${_libcpd_prefix}_INCLUDE_DIR}")
      endif()
    endif()
    unset(_libcpd_prefix)
  endif()
endmacro()

_libcpd_find_dep(cpd::dep_cjson libcjson cjson/cJSON.h cjson)
_libcpd_find_dep(cpd::dep_utf8proc libutf8proc utf8proc.h utf8proc)
