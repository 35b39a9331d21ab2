# write_if_changed.cmake - cpd_write_if_changed(FILE TEXT), for the scripts
# that generate sources (cmake/embed.cmake, cmake/report_css.cmake): FILE
# gets TEXT through a temporary file renamed over it, and only when TEXT
# differs from what FILE holds, so that an unchanged source causes no
# rebuild.
function(cpd_write_if_changed file text)
  file(WRITE ${file}.tmp "${text}")
  set(old "")
  if(EXISTS ${file})
    file(SHA256 ${file} old)
  endif()
  file(SHA256 ${file}.tmp new)
  if(old STREQUAL new)
    file(REMOVE ${file}.tmp)
  else()
    file(RENAME ${file}.tmp ${file})
  endif()
endfunction()
