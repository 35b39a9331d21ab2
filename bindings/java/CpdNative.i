/* CpdNative.i - the Java entry of the SWIG interface: the package-private
 * classes CpdNative, CpdNativeJNI, NativePolicy, ... of jp.cpd.  Everything
 * else is in ../cpd.i and cpd_java.swg; the public API is src/jp/cpd. */
%module CpdNative
%include "cpd.i"
