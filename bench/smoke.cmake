# smoke.cmake - ctest bench_smoke: the generator is deterministic and every
# bench command runs (a few fixed iterations, nothing timed or asserted).
#   cmake -DGEN=... -DBENCH=... -DCPD=... -DWORK=dir -P bench/smoke.cmake
file(MAKE_DIRECTORY ${WORK})

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
endfunction()

foreach(_n a b)
  execute_process(COMMAND ${GEN} --seed 7 --lines 40
                  OUTPUT_FILE ${WORK}/gen-${_n}.ndjson RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gen failed (${rc})")
  endif()
endforeach()
file(SHA256 ${WORK}/gen-a.ndjson _a)
file(SHA256 ${WORK}/gen-b.ndjson _b)
if(NOT _a STREQUAL _b)
  message(FATAL_ERROR "gen --seed 7 is not deterministic")
endif()
file(READ ${WORK}/gen-a.ndjson _text)
string(REGEX MATCHALL "\n" _newlines "${_text}")
list(LENGTH _newlines _count)
if(NOT _count EQUAL 40)
  message(FATAL_ERROR "gen --lines 40 wrote ${_count} lines")
endif()

run(${BENCH} e2e ${WORK}/gen-a.ndjson --cpd ${CPD} --reps 1)
run(${BENCH} floor ${WORK}/gen-a.ndjson --reps 1)
run(${BENCH} stream --cpd ${CPD} --lines 50 --pool 20 --reps 1)
run(${BENCH} engine --iters 5 --reps 1)
run(${BENCH} activities --sizes 10,100 --iters 2 --reps 1)
run(${BENCH} check1 ${WORK}/gen-a.ndjson --iters 5 --reps 1)
