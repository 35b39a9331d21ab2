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

  /// <summary>What the bank's record says of an application's fee, as
  /// `cpd reconcile` decides it (cpd_fee_status).</summary>
  public enum FeeStatus { Paid, Unpaid, Ambiguous, AmountDiffers, OutsideWindow, Unclaimed }

  /// <summary>A value's words as the reports print them (cpd_label): Name
  /// as the documents write it ("amount_differs"), Label and LabelJa
  /// ("amount differs", "金額相違"), and a note saying what it means.</summary>
  public sealed class Label {
    internal Label(NativeLabel l) {
      Name = l.name; Text = l.label; TextJa = l.label_ja; Note = l.note; NoteJa = l.note_ja;
    }
    public string Name { get; private set; }
    public string Text { get; private set; }
    public string TextJa { get; private set; }
    public string Note { get; private set; }
    public string NoteJa { get; private set; }
  }

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
    static readonly string[] fees = Table(6, i => CpdNative.fee_status_str((NativeFeeStatus)i), typeof(FeeStatus));

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
    public static string WireName(this FeeStatus s) { return fees[(int)s]; }

    public static Decision ParseDecision(string name) { return (Decision)Find(decisions, name); }
    public static Severity ParseSeverity(string name) { return (Severity)Find(severities, name); }

    /// <summary>The fee status of a reconcile document's name
    /// ("amount_differs"), read by the library (cpd_fee_status_parse);
    /// ArgumentException for another name.</summary>
    public static FeeStatus ParseFeeStatus(string name) {
      if (name == null) throw new ArgumentNullException("name");
      try {
        return (FeeStatus)CpdNative.fee_status_parse(name);
      } catch (CpdException e) {
        throw new ArgumentException("not a fee status: " + name, e);
      }
    }

    /// <summary>The fee status's words in English and Japanese
    /// (cpd_fee_status_label).</summary>
    public static Label GetLabel(this FeeStatus s) {
      return new Label(CpdNative.fee_status_label((NativeFeeStatus)(int)s));
    }

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
