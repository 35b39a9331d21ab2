// Policy.cs - a policy (docs/JSON.md "Policy document"), owning native
// memory: Dispose it (using) when done; the native handle's finalizer
// frees one that was forgotten.  Immutable once made, so one Policy may
// serve any number of threads checking at once (each keeps a Checker of
// its own for Cpd.Check); do not dispose it while they do.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;

namespace Jp.Cpd {
  /// <summary>Limits on one input document; 0 means the library's default
  /// (DefaultMaxDocumentBytes, DefaultMaxActivities, DefaultMaxStringBytes).
  /// Over a limit, a document is an InputException with Code
  /// "input.too_large".</summary>
  public sealed class Limits {
    /// <summary>The document size a 0 MaxDocumentBytes stands for (4 MiB).</summary>
    public const ulong DefaultMaxDocumentBytes = CpdNative.DEFAULT_MAX_DOCUMENT_BYTES;
    /// <summary>The activities a 0 MaxActivities stands for (10,000).</summary>
    public const ulong DefaultMaxActivities = CpdNative.DEFAULT_MAX_ACTIVITIES;
    /// <summary>The bytes of one string a 0 MaxStringBytes stands for (4 KiB).</summary>
    public const ulong DefaultMaxStringBytes = CpdNative.DEFAULT_MAX_STRING_BYTES;
    /// <summary>A policy document's own size limit (Policy.FromJson), 1 MiB:
    /// a larger MaxDocumentBytes does not raise it.</summary>
    public const ulong PolicyMaxBytes = CpdNative.POLICY_MAX_BYTES;
    /// <summary>The entries of each list in a policy document (5,000).</summary>
    public const ulong PolicyMaxList = CpdNative.POLICY_MAX_LIST;
    /// <summary>The dated versions of a policy document (64).</summary>
    public const ulong PolicyMaxVersions = CpdNative.POLICY_MAX_VERSIONS;

    public Limits(ulong maxDocumentBytes = 0, ulong maxActivities = 0,
                  ulong maxStringBytes = 0) {
      MaxDocumentBytes = maxDocumentBytes;
      MaxActivities = maxActivities;
      MaxStringBytes = maxStringBytes;
    }
    public ulong MaxDocumentBytes { get; private set; }
    public ulong MaxActivities { get; private set; }
    public ulong MaxStringBytes { get; private set; }

    internal NativeLimits ToNative() {
      var n = new NativeLimits();
      n.max_document_bytes = MaxDocumentBytes;
      n.max_activities = MaxActivities;
      n.max_string_bytes = MaxStringBytes;
      return n;
    }
  }

  public sealed class Policy : IDisposable {
    static volatile Policy shared;
    static readonly object sharedLock = new object();

    readonly NativePolicy handle;
    readonly ThreadLocal<Checker> checkers = new ThreadLocal<Checker>(true);
    volatile bool disposed;
    IReadOnlyList<PolicyVersion> versions;

    Policy(NativePolicy handle) { this.handle = handle; }

    /// <summary>The built-in default policy (the rules of docs/RULES.md).</summary>
    public static Policy Default() { return new Policy(CpdNative.policy_default()); }

    /// <summary>The default of checks given no policy (never disposed).</summary>
    internal static Policy Shared {
      get {
        Policy p = shared;
        if (p != null) return p;  // every check without a policy: no lock
        lock (sharedLock) {
          if (shared == null) shared = Default();
          return shared;
        }
      }
    }

    /// <summary>A policy document merged over the default.</summary>
    /// <exception cref="PolicyException">it contradicts itself (Code
    /// "policy.invalid", Path says where)</exception>
    /// <exception cref="InputException">it is not valid JSON</exception>
    public static Policy FromJson(string json) {
      if (json == null) throw new ArgumentNullException("json");
      return FromJson(Encoding.UTF8.GetBytes(json));
    }

    public static Policy FromJson(byte[] utf8, Limits limits = null) {
      if (utf8 == null) throw new ArgumentNullException("utf8");
      NativeLimits l = limits == null ? null : limits.ToNative();
      try {
        return new Policy(CpdNative.policy_load_json(utf8, (ulong)utf8.Length, l));
      } finally {
        if (l != null) l.Dispose();
      }
    }

    public static Policy FromFile(string path) { return FromJson(File.ReadAllBytes(path)); }

    /// <summary>The complete policy document.</summary>
    public string ToJson() { return Encoding.UTF8.GetString(CpdNative.policy_to_json(Handle)); }

    /// <summary>The policy's versions, oldest first; a policy without dated
    /// versions has one.  Read once per policy (cpd_policy_version_count,
    /// cpd_policy_version_at) and kept.</summary>
    public IReadOnlyList<PolicyVersion> Versions {
      get {
        if (versions == null) versions = ReadVersions();
        return versions;
      }
    }

    /// <summary>The policy's name; with dated versions, the newest version's.</summary>
    public string Name {
      get {
        var v = Versions;
        return v[v.Count - 1].Name;
      }
    }

    IReadOnlyList<PolicyVersion> ReadVersions() {
      NativePolicy h = Handle;
      ulong n = CpdNative.policy_version_count(h);
      var found = new List<PolicyVersion>();
      for (ulong i = 0; i < n; i++) {
        int from;
        string name = CpdNative.policy_version_at(h, i, out from);  // copied
        found.Add(new PolicyVersion(name, Values.Date(from)));
      }
      return found.AsReadOnly();
    }

    public int FiscalYear(DateTime date) { return Cpd.FiscalYear(date, this); }

    public WindowDates Window(DateTime expiresOn) { return Cpd.Window(expiresOn, this); }

    /// <summary>This thread's checker under this policy (made on first use).</summary>
    internal Checker LocalChecker() {
      Checker c = checkers.Value;
      if (c == null || c.IsDisposed) {
        c = new Checker(this, null, null, true);
        checkers.Value = c;
      }
      return c;
    }

    internal bool IsDisposed { get { return disposed; } }

    internal NativePolicy Handle {
      get {
        if (disposed) throw new ObjectDisposedException("Policy");
        return handle;
      }
    }

    internal static NativePolicy HandleOf(Policy p) { return p == null ? null : p.Handle; }

    /// <summary>Frees the native policy and this policy's checkers; further
    /// use throws ObjectDisposedException.</summary>
    public void Dispose() {
      if (this == shared || disposed) return;
      disposed = true;
      foreach (Checker c in checkers.Values) c.Dispose();
      checkers.Dispose();
      handle.Dispose();
    }

    public override string ToString() { return "Policy(" + Name + ")"; }
  }
}
