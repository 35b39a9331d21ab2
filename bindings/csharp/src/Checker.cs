// Checker.cs - the library's reusable checker (cpd_checker): it keeps its
// buffers between calls, so checking many applications costs no more
// native heap work than the first.  Cpd.Check uses one per thread and
// policy; make one yourself for a batch and Dispose it.  Calls on one
// checker are serialised: give each thread its own for parallel checks.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Jp.Cpd {
  /// <summary>One application's outcome in CheckMany or Batch: a Result,
  /// or the InputException of an application that cannot be evaluated.</summary>
  public sealed class Outcome {
    internal Outcome(long line, Result result, InputException error) {
      Line = line; Result = result; Error = error;
    }
    /// <summary>1-based line (Batch, blank lines counted) or position (CheckMany).</summary>
    public long Line { get; private set; }
    public Result Result { get; private set; }
    public InputException Error { get; private set; }
    public bool IsResult { get { return Result != null; } }
  }

  /// <summary>One line of an NDJSON stream as the library's reader gives
  /// it: its 1-based number and its bytes, or the InputException of a line
  /// over the limit.</summary>
  internal sealed class NdjsonLine {
    internal NdjsonLine(long number, byte[] bytes, InputException tooLong) {
      Number = number; Bytes = bytes; TooLong = tooLong;
    }
    internal long Number { get; private set; }
    internal byte[] Bytes { get; private set; }
    internal InputException TooLong { get; private set; }
  }

  public sealed class Checker : IDisposable {
    /// <summary>NDJSON is read in chunks of this size.</summary>
    internal const int Chunk = 1 << 16;

    /// <summary>The lines of input through the library's NDJSON reader
    /// (cpd_lines; maxLine 0: the default document limit), read as they are
    /// asked for: Batch streams them, the audit reads its roster.</summary>
    internal static IEnumerable<NdjsonLine> ReadLines(Stream input, ulong maxLine) {
      using (NativeLines lines = CpdNative.lines_new(maxLine)) {
        byte[] buf = new byte[Chunk];
        bool ended = false;
        while (!ended) {
          int n = input.Read(buf, 0, buf.Length);
          if (n <= 0) {
            CpdNative.lines_feed(lines, null, 0);
            ended = true;
          } else {
            CpdNative.lines_feed(lines, buf, (ulong)n);
          }
          IntPtr line;
          ulong len, number;
          int tooLong;
          while (CpdNative.lines_next(lines, out line, out len, out number, out tooLong) != 0) {
            InputException err = null;
            if (tooLong != 0) {
              try {
                CpdNative.lines_too_long(lines);
              } catch (InputException e) {
                err = e;
              }
            }
            yield return new NdjsonLine((long)number,
                                        err == null ? BindNative.Copy(line, len) : null, err);
          }
        }
      }
    }

    readonly NativeChecker handle;
    // A checker made by the user keeps its policy alive; the one a Policy
    // keeps per thread refers to it weakly (no cycle through the
    // ThreadLocal) and keeps only the native policy it borrows alive.
    readonly Policy policy;
    readonly WeakReference weakPolicy;
    readonly NativePolicy nativePolicy;
    readonly Limits limits;
    readonly object gate = new object();
    readonly Result.Packed packed = new Result.Packed();
    bool disposed;

    /// <summary>A checker under the default policy.</summary>
    public Checker() : this(null, null, null) {}

    /// <summary>A checker under a policy (null: the default), evaluating as
    /// if applied on asOf (null: each document's applied_on), under limits
    /// (null: the defaults).</summary>
    public Checker(Policy policy, DateTime? asOf, Limits limits)
        : this(policy ?? Policy.Shared, asOf, limits, false) {}

    internal Checker(Policy p, DateTime? asOf, Limits limits, bool weak) {
      if (weak) weakPolicy = new WeakReference(p);
      else policy = p;
      nativePolicy = p.Handle;
      this.limits = limits;
      NativeCheckOptions o = null;
      NativeLimits l = limits == null ? null : limits.ToNative();
      if (asOf.HasValue || l != null) {
        o = new NativeCheckOptions();
        if (asOf.HasValue) o.as_of = Values.Day(asOf.Value);
        o.limits = l;
      }
      try {
        // the checker copies the options (and limits); the policy is borrowed
        handle = CpdNative.checker_new(nativePolicy, o);
      } finally {
        if (o != null) o.Dispose();
        if (l != null) l.Dispose();
      }
    }

    internal bool IsDisposed { get { return disposed; } }

    void Live() {
      if (disposed) throw new ObjectDisposedException("Checker");
      Policy p = policy ?? (Policy)weakPolicy.Target;
      if (p == null || p.IsDisposed) throw new ObjectDisposedException("Policy");
    }

    /// <summary>Checks one application document (JSON text).</summary>
    /// <exception cref="InputException">it cannot be evaluated</exception>
    public Result Check(string json) {
      if (json == null) throw new ArgumentNullException("json");
      return Check(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Check() of the document's UTF-8 bytes, passed as they are.</summary>
    public Result Check(byte[] utf8) {
      if (utf8 == null) throw new ArgumentNullException("utf8");
      lock (gate) {
        Live();
        IntPtr doc;
        ulong len;
        CpdNative.checker_check(handle, out doc, out len, utf8, (ulong)utf8.Length);
        byte[] json = BindNative.Copy(doc, len);
        return new Result(CpdNative.checker_result(handle), json, packed);
      }
    }

    /// <summary>Checks each application in turn, lazily: an Outcome per
    /// element, in order (Line its 1-based position); one that cannot be
    /// evaluated gives its InputException and the run goes on.</summary>
    public IEnumerable<Outcome> CheckMany(IEnumerable<string> applications) {
      long n = 0;
      foreach (string app in applications) {
        n++;
        Outcome o;
        try {
          o = new Outcome(n, Check(app), null);
        } catch (InputException e) {
          e.Line = n;
          o = new Outcome(n, null, e);
        }
        yield return o;
      }
    }

    /// <summary>Checks an NDJSON stream (one application per line) as `cpd
    /// batch` does, with the library's NDJSON reader (cpd_lines): an
    /// Outcome per line that is not blank, in order, with its 1-based line
    /// number (blank lines counted).  CRLF endings and a missing final
    /// newline are fine; a line longer than the document limit is an
    /// input.too_large error without being kept.  Constant memory; the
    /// stream is left open.</summary>
    public IEnumerable<Outcome> Batch(Stream input) {
      if (input == null) throw new ArgumentNullException("input");
      return BatchLines(input);
    }

    IEnumerable<Outcome> BatchLines(Stream input) {
      foreach (NdjsonLine l in ReadLines(input, limits == null ? 0 : limits.MaxDocumentBytes)) {
        InputException err = l.TooLong;
        Result r = null;
        if (err == null) {
          try {
            r = Check(l.Bytes);
          } catch (InputException e) {
            err = e;
          }
        }
        if (err != null) err.Line = l.Number;
        yield return new Outcome(l.Number, r, err);
      }
    }

    /// <summary>Frees the native checker; further use throws
    /// ObjectDisposedException.</summary>
    public void Dispose() {
      lock (gate) {
        if (disposed) return;
        disposed = true;
        handle.Dispose();
      }
    }
  }
}
