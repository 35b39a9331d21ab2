// Enums.cs - the decision, severities and statuses as .NET enums, each
// tied to the library's own name for its C value (cpd_decision_str, ...),
// so a mismatch with cpd.h fails when the type is first used.
using System;
using System.Collections.Generic;

namespace Jp.Cpd {
  /// <summary>The outcome of a check (RULES.md R15).</summary>
  public enum Decision { Eligible, Incomplete, Ineligible }

  /// <summary>How bad a diagnostic is: Fatal makes an application
  /// ineligible, Error incomplete (fixable).</summary>
  public enum Severity { Info, Warning, Error, Fatal }

  /// <summary>Where a day falls in the application window.</summary>
  public enum WindowStatus { NotYetOpen, Open, Closed }

  /// <summary>How much of an activity counts.</summary>
  public enum ActivityStatus { Counted, PartiallyCounted, Capped, Rejected }

  /// <summary>cpd_status: the outcome of a library call (the numbers are
  /// the C values, from SWIG).</summary>
  public enum Status {
    Ok = (int)NativeStatus.OK,
    ENoMem = (int)NativeStatus.ENOMEM,
    EInput = (int)NativeStatus.EINPUT,
    EPolicy = (int)NativeStatus.EPOLICY,
    EInval = (int)NativeStatus.EINVAL,
  }

  /// <summary>The documents' spellings of the enums ("partially_counted").</summary>
  public static class WireNames {
    static readonly string[] decisions = Table(3, i => CpdNative.decision_str((NativeDecision)i), typeof(Decision));
    static readonly string[] severities = Table(4, i => CpdNative.severity_str((NativeSeverity)i), typeof(Severity));
    static readonly string[] windows = Table(3, i => CpdNative.window_status_str((NativeWindowStatus)i), typeof(WindowStatus));
    static readonly string[] activities = Table(4, i => CpdNative.activity_status_str((NativeActivityStatus)i), typeof(ActivityStatus));

    // The library's name of each C value, checked against the .NET member
    // of the same value ("partially_counted" is PartiallyCounted).
    static string[] Table(int n, Func<int, string> name, Type type) {
      string[] t = new string[n];
      for (int i = 0; i < n; i++) {
        t[i] = name(i);
        string member = Enum.GetName(type, i);
        if (member == null || member.ToLowerInvariant() != t[i].Replace("_", ""))
          throw new TypeInitializationException(type.FullName, null);
      }
      return t;
    }

    public static string WireName(this Decision d) { return decisions[(int)d]; }
    public static string WireName(this Severity s) { return severities[(int)s]; }
    public static string WireName(this WindowStatus s) { return windows[(int)s]; }
    public static string WireName(this ActivityStatus s) { return activities[(int)s]; }

    public static Decision ParseDecision(string name) { return (Decision)Find(decisions, name); }
    public static Severity ParseSeverity(string name) { return (Severity)Find(severities, name); }

    static int Find(string[] t, string name) {
      int i = Array.IndexOf(t, name);
      if (i < 0) throw new ArgumentException("not a known name: " + name);
      return i;
    }

    internal static Decision Of(NativeDecision d) { return (Decision)(int)d; }
    internal static Severity Of(NativeSeverity s) { return (Severity)(int)s; }
    internal static WindowStatus Of(NativeWindowStatus s) { return (WindowStatus)(int)s; }
    internal static ActivityStatus Of(NativeActivityStatus s) { return (ActivityStatus)(int)s; }
  }
}
