# list-sources.cmake -DDIR=... -DOUT=...: writes the .java files SWIG made
# in DIR, one a line, as a javac listing file (add_jar's @file).
file(GLOB _sources "${DIR}/*.java")
list(SORT _sources)
string(REPLACE ";" "\n" _text "${_sources}")
file(WRITE "${OUT}" "${_text}\n")
