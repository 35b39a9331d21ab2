# mingw-w64.cmake - CMake toolchain file for 64-bit Windows with Debian's
# MinGW-w64 cross compiler (gcc-mingw-w64-x86-64; the win32 thread model,
# so nothing links winpthreads).  scripts/windows uses it for libcpd and
# for the dependencies it builds from their Debian sources:
#
#   cmake -S . -B build-win64/cpd \
#     -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-w64.cmake \
#     -DCPD_WIN64_SYSROOT=build-win64/deps/prefix
#
# CPD_WIN64_SYSROOT (optional) is where the cross-built dependencies are
# installed: find_package, find_library and pkg-config look there and
# only there for Windows libraries, never in the build machine's /usr.
# Tests run under Wine (CMAKE_CROSSCOMPILING_EMULATOR, when wine is
# found); WINEPREFIX and WINEDEBUG come from the caller's environment
# (scripts/windows keeps the prefix inside build-win64/).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(_cpd_mingw x86_64-w64-mingw32)
# The win32 thread model's compilers by their full names: the plain names
# are alternatives that a machine may point at the posix model instead.
find_program(CMAKE_C_COMPILER NAMES ${_cpd_mingw}-gcc-win32 ${_cpd_mingw}-gcc
             REQUIRED)
find_program(CMAKE_CXX_COMPILER NAMES ${_cpd_mingw}-g++-win32 ${_cpd_mingw}-g++)
if(NOT CMAKE_CXX_COMPILER)
  unset(CMAKE_CXX_COMPILER CACHE)
endif()
find_program(CMAKE_RC_COMPILER NAMES ${_cpd_mingw}-windres)
find_program(CMAKE_AR NAMES ${_cpd_mingw}-ar)
find_program(CMAKE_RANLIB NAMES ${_cpd_mingw}-ranlib)

# Try-compiles see the sysroot too (CMake passes these variables on).
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES CPD_WIN64_SYSROOT)
set(CMAKE_FIND_ROOT_PATH /usr/${_cpd_mingw})
if(CPD_WIN64_SYSROOT)
  get_filename_component(CPD_WIN64_SYSROOT "${CPD_WIN64_SYSROOT}" ABSOLUTE)
  list(PREPEND CMAKE_FIND_ROOT_PATH "${CPD_WIN64_SYSROOT}")
  # pkg-config reads only the sysroot's .pc files (they hold absolute
  # paths already: no PKG_CONFIG_SYSROOT_DIR).
  set(ENV{PKG_CONFIG_LIBDIR} "${CPD_WIN64_SYSROOT}/lib/pkgconfig")
  set(ENV{PKG_CONFIG_PATH} "")
else()
  # no sysroot: no Windows .pc files at all, rather than Linux ones
  set(ENV{PKG_CONFIG_LIBDIR} "${CMAKE_BINARY_DIR}/no-pkgconfig")
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# libgcc into each module, so a DLL or .exe needs no libgcc_s_seh-1.dll.
set(CMAKE_C_STANDARD_LIBRARIES_INIT "")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static-libgcc")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-static-libgcc")

# Programs built here run under Wine (wine64 from Debian's wine64 package;
# /usr/bin/wine picks it for 64-bit programs).
if(NOT CMAKE_CROSSCOMPILING_EMULATOR)
  find_program(CPD_WINE NAMES wine wine64 wine-stable)
  if(CPD_WINE)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${CPD_WINE})
  endif()
endif()
