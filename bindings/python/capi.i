/* capi.i - the Python entry of the SWIG interface: the raw module cpd.capi
 * (built with -builtin).  Everything else is in ../cpd.i and
 * cpd_python.swg; the idiomatic package is cpd/__init__.py. */
%module(package="cpd",
        docstring="Raw SWIG wrapper of libcpd (include/cpd.h). Use the cpd package instead.") capi
%include "cpd.i"
