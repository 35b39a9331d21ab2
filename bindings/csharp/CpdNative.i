/* CpdNative.i - the C# entry of the SWIG interface: the internal classes
 * CpdNative, CpdNativePINVOKE, NativePolicy, ... of namespace Jp.Cpd
 * (swig -csharp -namespace Jp.Cpd -dllimport cpdcs).  Everything else is
 * in ../cpd.i and cpd_csharp.swg; the public API is src/*.cs. */
%module CpdNative
%include "cpd.i"
