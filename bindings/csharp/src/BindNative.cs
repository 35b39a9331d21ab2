// BindNative.cs - what the generated code and the public classes share:
// texts of the library (UTF-8 behind a pointer) as strings, and the
// documents it returns copied out and released with cpd_string_free.
using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Jp.Cpd {
  internal static class BindNative {
    static readonly UTF8Encoding Utf8Strict = new UTF8Encoding(false, false);

    /// <summary>A NUL-terminated UTF-8 text as a string ("" for null).</summary>
    internal static string Utf8(IntPtr p) {
      return p == IntPtr.Zero ? "" : Marshal.PtrToStringAnsi(p);
    }

    /// <summary>A text of the library as a string (null for NULL).  Mono
    /// reads "ANSI" text as UTF-8 on Unix.</summary>
    internal static string Str(IntPtr p) {
      return p == IntPtr.Zero ? null : Marshal.PtrToStringAnsi(p);
    }

    internal static string Utf8(IntPtr p, ulong len) {
      return Utf8Strict.GetString(Copy(p, len));
    }

    internal static byte[] Copy(IntPtr p, ulong len) {
      if (len > int.MaxValue) throw new OutOfMemoryException("a text longer than a .NET array");
      byte[] b = new byte[(int)len];
      if (len > 0) Marshal.Copy(p, b, 0, (int)len);
      return b;
    }

    /// <summary>A text the library allocated for the caller: copied, then
    /// released with cpd_string_free.</summary>
    internal static byte[] TakeText(IntPtr p) {
      if (p == IntPtr.Zero) return null;
      try {
        int n = 0;
        while (Marshal.ReadByte(p, n) != 0) n++;
        return Copy(p, (ulong)n);
      } finally {
        CpdNative.bind_string_free(p);
      }
    }

    internal static byte[] Bytes(string s) {
      return Encoding.UTF8.GetBytes(s);
    }

    /// <summary>A string for a `const char *`: refused when it holds a NUL,
    /// which would cut it short.</summary>
    internal static string CString(string s, string what) {
      if (s == null) throw new ArgumentNullException(what);
      if (s.IndexOf('\0') >= 0)
        throw new ArgumentException("a text for the library holds no NUL character", what);
      return s;
    }
  }
}
