# CpdFunctions.cmake - the functions every folder's CMakeLists.txt uses:
# warnings for the project's own targets, and the shapes of its tests.

# Warnings for the project's own targets (not for what we merely link).
set(CPD_WARNINGS -Wall -Wextra -Wpedantic -Wconversion -Wshadow)
if(MINGW)
  # MinGW-w64's math.h classifies doubles (isfinite, signbit) through a
  # float branch that -Wfloat-conversion flags at every use; the Linux
  # build keeps the check.
  list(APPEND CPD_WARNINGS -Wno-float-conversion)
endif()
if(CPD_WERROR)
  list(APPEND CPD_WARNINGS -Werror)
endif()
function(cpd_target_warnings target)
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE
                           $<$<COMPILE_LANGUAGE:C>:${CPD_WARNINGS}>)
  endif()
endfunction()

# The library and the command line format no message from a variable:
# every format string is a literal, checked (-Wformat=2).
function(cpd_literal_formats target)
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wformat=2)
  endif()
endfunction()

# cpd_test(NAME COMMAND cmd args... [WORKING_DIRECTORY dir]
#          [ENVIRONMENT VAR=value...] [PROPERTIES key value...])
# add_test and its properties in one call.  ENVIRONMENT is a list of its
# own so that several variables stay several.
function(cpd_test name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "WORKING_DIRECTORY"
                        "COMMAND;ENVIRONMENT;PROPERTIES")
  if(arg_UNPARSED_ARGUMENTS OR NOT arg_COMMAND)
    message(FATAL_ERROR "cpd_test(${name}): COMMAND missing or stray "
                        "arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(arg_WORKING_DIRECTORY)
    add_test(NAME ${name} COMMAND ${arg_COMMAND}
             WORKING_DIRECTORY ${arg_WORKING_DIRECTORY})
  else()
    add_test(NAME ${name} COMMAND ${arg_COMMAND})
  endif()
  if(arg_PROPERTIES)
    set_tests_properties(${name} PROPERTIES ${arg_PROPERTIES})
  endif()
  if(arg_ENVIRONMENT)
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "${arg_ENVIRONMENT}")
  endif()
endfunction()

# cpd_script_test(NAME SCRIPT [args...] [WORKING_DIRECTORY dir]
#                 [ENVIRONMENT ...] [PROPERTIES ...])
# A test written in Python: python3 <source>/SCRIPT args..., run from the
# source tree (tests open tests/golden/... by relative path) unless
# WORKING_DIRECTORY says otherwise.
function(cpd_script_test name script)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "WORKING_DIRECTORY"
                        "ENVIRONMENT;PROPERTIES")
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  endif()
  cpd_test(${name}
    COMMAND python3 ${PROJECT_SOURCE_DIR}/${script} ${arg_UNPARSED_ARGUMENTS}
    WORKING_DIRECTORY ${arg_WORKING_DIRECTORY}
    ENVIRONMENT ${arg_ENVIRONMENT}
    PROPERTIES ${arg_PROPERTIES})
endfunction()

# cpd_cli_test(NAME SCRIPT [args...] [...as cpd_script_test]): a Python test
# of the command line, given the built `cpd` as its first argument.
function(cpd_cli_test name script)
  cpd_script_test(${name} ${script} $<TARGET_FILE:cpd> ${ARGN})
endfunction()
