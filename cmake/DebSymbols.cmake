# DebSymbols.cmake - writes the Debian symbols file of libcpd0 from the
# library just built (run by cmake/Packaging.cmake after each link):
#
#   cmake -DNM=nm -DLIB=libcpd.so.0.x.y -DTEMPLATE=libcpd.symbols.in
#         -DOUT=debian/lib/symbols -DMINVERS=CPD_0.2=0.2.0,... -DDEFAULT=0.2.0
#         -P DebSymbols.cmake
#
# One line per exported symbol, " cpd_name@NODE MINVER": dpkg-shlibdeps
# looks symbols up by name (it does not expand (symver) patterns; only
# dpkg-gensymbols does), so each one is listed.  MINVER is the first
# package version with the node (MINVERS), else DEFAULT.
foreach(_v NM LIB TEMPLATE OUT DEFAULT)
  if(NOT DEFINED ${_v})
    message(FATAL_ERROR "DebSymbols.cmake: -D${_v}=... missing")
  endif()
endforeach()
execute_process(COMMAND ${NM} -D --defined-only ${LIB}
                OUTPUT_VARIABLE _nm RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "DebSymbols.cmake: ${NM} -D ${LIB} failed")
endif()
string(REPLACE "\n" ";" _lines "${_nm}")
string(REPLACE "," ";" MINVERS "${MINVERS}")
set(_syms "")
foreach(_line IN LISTS _lines)
  # "0000000000004c30 T cpd_name@@CPD_0.2"; the node itself is "A CPD_0.2"
  if(_line MATCHES "^[0-9a-fA-F]+ [TtDdBbRrVWi] ([A-Za-z0-9_]+)@@?([A-Za-z0-9_.]+)$")
    set(_name ${CMAKE_MATCH_1})
    set(_node ${CMAKE_MATCH_2})
    set(_minver ${DEFAULT})
    foreach(_pair IN LISTS MINVERS)
      if(_pair MATCHES "^${_node}=(.+)$")
        set(_minver ${CMAKE_MATCH_1})
      endif()
    endforeach()
    list(APPEND _syms " ${_name}@${_node} ${_minver}")
  endif()
endforeach()
list(LENGTH _syms _n)
if(_n EQUAL 0)
  message(FATAL_ERROR "DebSymbols.cmake: no versioned symbols in ${LIB}")
endif()
list(SORT _syms)
list(JOIN _syms "\n" CPD_DEB_SYMBOL_LINES)
configure_file(${TEMPLATE} ${OUT}.tmp @ONLY)
file(RENAME ${OUT}.tmp ${OUT})
