# make-locale.cmake - ctest fixture locale_de_DE: compiles the de_DE.UTF-8
# locale (a decimal comma) into the build tree for test_coverage_extra.
#   cmake -DLOCALEDEF=/usr/bin/localedef -DOUT=build/locale/de_DE.UTF-8 \
#         -P tests/make-locale.cmake
# Fails (so that the locale test cannot silently not run) when localedef
# or the locale's definition is missing.
set(_def /usr/share/i18n/locales/de_DE)
if(NOT LOCALEDEF OR NOT EXISTS "${LOCALEDEF}")
  message(FATAL_ERROR "localedef not found: cannot make de_DE.UTF-8 for "
                      "the locale test (Debian: apt-get install libc-bin "
                      "locales)")
endif()
if(NOT EXISTS ${_def})
  message(FATAL_ERROR "${_def} not found: cannot make de_DE.UTF-8 for the "
                      "locale test (Debian: apt-get install locales)")
endif()
execute_process(COMMAND ${LOCALEDEF} -i de_DE -f UTF-8 ${OUT}
                RESULT_VARIABLE _rc)
# localedef exits 1 when it only warned; the locale is made all the same
if(NOT (_rc EQUAL 0 OR _rc EQUAL 1) OR NOT EXISTS ${OUT}/LC_NUMERIC)
  message(FATAL_ERROR "localedef -i de_DE -f UTF-8 ${OUT} failed (${_rc})")
endif()
message(STATUS "made ${OUT}")
