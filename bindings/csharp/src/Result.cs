// Result.cs - the outcome of a check (docs/JSON.md "Result document"),
// read through the library's typed accessors (cpd_result_summary,
// cpd_result_section, ...) when the check returns, so it holds no native
// memory.  Names follow the document (Points.Counted, Window.Status); dates
// are DateTime (a date at midnight: Mono has no DateOnly), points decimal
// (exact), the decision, severities and statuses enums.  ToJson() is the
// document the engine wrote for the same check.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text;

namespace Jp.Cpd {
  public sealed class PeriodYear {
    internal PeriodYear(int year, DateTime startsOn, DateTime endsOn) {
      Year = year; StartsOn = startsOn; EndsOn = endsOn;
    }
    public int Year { get; private set; }
    public DateTime StartsOn { get; private set; }
    public DateTime EndsOn { get; private set; }
  }

  public sealed class Period {
    internal Period(DateTime startsOn, DateTime expiresOn, IReadOnlyList<PeriodYear> years) {
      StartsOn = startsOn; ExpiresOn = expiresOn; Years = years;
    }
    public DateTime StartsOn { get; private set; }
    public DateTime ExpiresOn { get; private set; }
    public IReadOnlyList<PeriodYear> Years { get; private set; }
  }

  public sealed class Window {
    internal Window(DateTime opensOn, DateTime closesOn, WindowStatus status) {
      OpensOn = opensOn; ClosesOn = closesOn; Status = status;
    }
    public DateTime OpensOn { get; private set; }
    public DateTime ClosesOn { get; private set; }
    public WindowStatus Status { get; private set; }
  }

  /// <summary>One section's points: Cap is null where there is none, Year
  /// the year of a per-year section (null for A).</summary>
  public sealed class Section {
    internal Section(string name, decimal claimed, decimal counted, decimal? cap,
                     int entries, int? year) {
      Name = name; Claimed = claimed; Counted = counted; Cap = cap;
      Entries = entries; Year = year;
    }
    /// <summary>"A", "B-1", ...</summary>
    public string Name { get; private set; }
    public decimal Claimed { get; private set; }
    public decimal Counted { get; private set; }
    public decimal? Cap { get; private set; }
    public int Entries { get; private set; }
    public int? Year { get; private set; }
  }

  public sealed class Points {
    internal Points(decimal required, decimal counted, decimal shortfall,
                    IReadOnlyList<Section> sections) {
      Required = required; Counted = counted; Shortfall = shortfall; Sections = sections;
    }
    public decimal Required { get; private set; }
    public decimal Counted { get; private set; }
    public decimal Shortfall { get; private set; }
    public IReadOnlyList<Section> Sections { get; private set; }
  }

  /// <summary>How one input activity was placed and counted; Id, Section
  /// and Year are null where the document has null.</summary>
  public sealed class Activity {
    internal Activity(int index, string id, string section, int? year,
                      decimal claimed, decimal counted, ActivityStatus status) {
      Index = index; Id = id; Section = section; Year = year;
      Claimed = claimed; Counted = counted; Status = status;
    }
    public int Index { get; private set; }
    public string Id { get; private set; }
    public string Section { get; private set; }
    public int? Year { get; private set; }
    public decimal Claimed { get; private set; }
    public decimal Counted { get; private set; }
    public ActivityStatus Status { get; private set; }
  }

  /// <summary>One finding; the messages never contain personal data. Rule
  /// is the rule it comes from ("R6", see Cpd.Explain), Activity the index
  /// of the activity it is about, or null.</summary>
  public sealed class Diagnostic {
    internal Diagnostic(string code, Severity severity, string path, string message,
                        string messageJa, string rule, int? activity) {
      Code = code; Severity = severity; Path = path; Message = message;
      MessageJa = messageJa; Rule = rule; Activity = activity;
    }
    public string Code { get; private set; }
    public Severity Severity { get; private set; }
    public string Path { get; private set; }
    public string Message { get; private set; }
    public string MessageJa { get; private set; }
    public string Rule { get; private set; }
    public int? Activity { get; private set; }
  }

  public sealed class Renewal {
    internal Renewal(DateTime startsOn, DateTime expiresOn) {
      StartsOn = startsOn; ExpiresOn = expiresOn;
    }
    public DateTime StartsOn { get; private set; }
    public DateTime ExpiresOn { get; private set; }
  }

  /// <summary>One dated version of a policy: the one an application was
  /// checked against, or one of Policy.Versions.</summary>
  public sealed class PolicyVersion : IEquatable<PolicyVersion> {
    public PolicyVersion(string name, DateTime effectiveFrom) {
      Name = name; EffectiveFrom = effectiveFrom;
    }
    public string Name { get; private set; }
    public DateTime EffectiveFrom { get; private set; }
    public bool Equals(PolicyVersion o) {
      return o != null && o.Name == Name && o.EffectiveFrom == EffectiveFrom;
    }
    public override bool Equals(object o) { return Equals(o as PolicyVersion); }
    public override int GetHashCode() { return Name.GetHashCode() ^ EffectiveFrom.GetHashCode(); }
    public override string ToString() {
      return "PolicyVersion(" + Name + ", " + EffectiveFrom.ToString("yyyy-MM-dd") + ")";
    }
  }

  public sealed class Result {
    readonly byte[] json;

    /// <summary>Reads a typed result (owned or lent) in one call across
    /// P/Invoke (cpd_bind_result_pack, bindings/cpd.i) and keeps its
    /// document.</summary>
    internal Result(NativeResult r, byte[] json, Packed p) {
      this.json = json;
      p.Pack(r);
      long[] n = p.Nums;
      Decision = WireNames.Of((NativeDecision)n[0]);
      AppliedOn = Values.Date((int)n[1]);
      Qualification = p.Text(2);
      int k = 23;
      var years = new List<PeriodYear>();
      for (int y = 1; y <= n[6]; y++, k += 2)
        years.Add(new PeriodYear(y, Values.Date((int)n[k]), Values.Date((int)n[k + 1])));
      Period = new Period(Values.Date((int)n[4]), Values.Date((int)n[5]), years.AsReadOnly());
      Window = new Window(Values.Date((int)n[7]), Values.Date((int)n[8]),
                          WireNames.Of((NativeWindowStatus)n[9]));
      long ns = n[20], na = n[21], nd = n[22];
      var sections = new List<Section>();
      var byName = new Dictionary<string, Section>();
      for (long i = 0; i < ns; i++, k += 7) {
        var x = new Section(p.Text(k), Values.Points(n[k + 2]), Values.Points(n[k + 3]),
                            Values.PointsOrNull(n[k + 4]), (int)n[k + 5],
                            Values.YearOrNull((int)n[k + 6]));
        sections.Add(x);
        byName[x.Name] = x;
      }
      Points = new Points(Values.Points(n[10]), Values.Points(n[11]), Values.Points(n[12]),
                          sections.AsReadOnly());
      Sections = new ReadOnlyDictionary<string, Section>(byName);
      var acts = new List<Activity>();
      for (long i = 0; i < na; i++, k += 9)
        acts.Add(new Activity((int)n[k], p.Text(k + 1), p.Text(k + 3),
                              Values.YearOrNull((int)n[k + 5]), Values.Points(n[k + 6]),
                              Values.Points(n[k + 7]),
                              WireNames.Of((NativeActivityStatus)n[k + 8])));
      Activities = acts.AsReadOnly();
      var diags = new List<Diagnostic>();
      for (long i = 0; i < nd; i++, k += 12)
        diags.Add(new Diagnostic(p.Text(k), WireNames.Of((NativeSeverity)n[k + 2]),
                                 p.Text(k + 3), p.Text(k + 5), p.Text(k + 7), p.Text(k + 9),
                                 n[k + 11] < 0 ? (int?)null : (int)n[k + 11]));
      Diagnostics = diags.AsReadOnly();
      if (Decision == Decision.Eligible)
        Renewal = new Renewal(Values.Date((int)n[13]), Values.Date((int)n[14]));
      EmailSubject = p.Text(15);
      string name = p.Text(17);
      if (name != null) Policy = new PolicyVersion(name, Values.Date((int)n[19]));
    }

    /// <summary>The buffers cpd_bind_result_pack fills, kept by a checker
    /// between calls (grown when a result needs more).</summary>
    internal sealed class Packed {
      internal long[] Nums = new long[1024];
      internal byte[] Texts = new byte[16384];

      internal void Pack(NativeResult r) {
        while (true) {
          long k = CpdNative.result_pack(r, Nums, (ulong)Nums.Length, Texts, (ulong)Texts.Length);
          if (k >= 0) return;
          if (k != -1)  // no memory to render the messages
            throw new CpdException(Status.ENoMem, "out_of_memory", "", -1,
                                   CpdNative.status_str(NativeStatus.ENOMEM), "");
          long wantNums = Nums[0], wantTexts = Nums[1];
          if (wantNums > Nums.Length) Nums = new long[Math.Max(wantNums, 2L * Nums.Length)];
          if (wantTexts > Texts.Length) Texts = new byte[Math.Max(wantTexts, 2L * Texts.Length)];
        }
      }

      /// <summary>The text whose offset and length are at Nums[i], Nums[i + 1].</summary>
      internal string Text(int i) {
        long off = Nums[i];
        return off < 0 ? null : Encoding.UTF8.GetString(Texts, (int)off, (int)Nums[i + 1]);
      }
    }

    internal static Period ReadPeriod(NativeResult r, NativeSummary s) {
      var years = new List<PeriodYear>();
      for (int y = 1; y <= s.period_years; y++) {
        int starts, ends;
        CpdNative.result_period_year(r, y, out starts, out ends);
        years.Add(new PeriodYear(y, Values.Date(starts), Values.Date(ends)));
      }
      return new Period(Values.Date(s.period_starts_on), Values.Date(s.period_expires_on),
                        years.AsReadOnly());
    }

    internal static IReadOnlyList<Activity> ReadActivities(NativeResult r) {
      var list = new List<Activity>();
      for (ulong i = 0, n = CpdNative.result_activity_count(r); i < n; i++) {
        NativeActivityResult a = CpdNative.result_activity(r, i);
        list.Add(new Activity(checked((int)a.index), a.id, a.section, Values.YearOrNull(a.year),
                              Values.Points(a.claimed), Values.Points(a.counted),
                              WireNames.Of(a.status)));
      }
      return list.AsReadOnly();
    }

    internal static IReadOnlyList<Diagnostic> ReadDiagnostics(NativeResult r) {
      var list = new List<Diagnostic>();
      for (ulong i = 0, n = CpdNative.result_diagnostic_count(r); i < n; i++) {
        NativeDiagnostic d = CpdNative.result_diagnostic(r, i);
        if (d == null)  // no memory to render the messages
          throw new CpdException(Status.ENoMem, "out_of_memory", "", -1,
                                 CpdNative.status_str(NativeStatus.ENOMEM), "");
        ulong act = d.activity;
        list.Add(new Diagnostic(d.code, WireNames.Of(d.severity), d.path, d.message,
                                d.message_ja, d.rule,
                                act == CpdNative.NO_ACTIVITY ? (int?)null : checked((int)act)));
      }
      return list.AsReadOnly();
    }

    public Decision Decision { get; private set; }
    public bool IsEligible { get { return Decision == Decision.Eligible; } }
    public DateTime AppliedOn { get; private set; }
    /// <summary>Canonical qualification ("OMP"), null when invalid.</summary>
    public string Qualification { get; private set; }
    public Period Period { get; private set; }
    public Window Window { get; private set; }
    public Points Points { get; private set; }
    /// <summary>The sections by name: Sections["B-1"].Counted.</summary>
    public IReadOnlyDictionary<string, Section> Sections { get; private set; }
    public IReadOnlyList<Activity> Activities { get; private set; }
    public IReadOnlyList<Diagnostic> Diagnostics { get; private set; }
    /// <summary>The next period; null unless eligible.</summary>
    public Renewal Renewal { get; private set; }
    public string EmailSubject { get; private set; }
    /// <summary>The policy version the application was checked against.</summary>
    public PolicyVersion Policy { get; private set; }

    /// <summary>The diagnostics' codes, in document order.</summary>
    public IReadOnlyList<string> Codes {
      get {
        var c = new List<string>();
        foreach (Diagnostic d in Diagnostics) c.Add(d.Code);
        return c.AsReadOnly();
      }
    }

    /// <summary>The result document exactly as the engine wrote it.</summary>
    public string ToJson() { return Encoding.UTF8.GetString(json); }

    public override string ToString() {
      return "Result(" + Decision.WireName() + ", counted=" + Points.Counted + ", required="
          + Points.Required + ", diagnostics=" + Diagnostics.Count + ")";
    }

    public override bool Equals(object o) {
      Result r = o as Result;
      if (r == null || r.json.Length != json.Length) return false;
      for (int i = 0; i < json.Length; i++)
        if (r.json[i] != json[i]) return false;
      return true;
    }

    public override int GetHashCode() {
      int h = json.Length;
      foreach (byte b in json) h = h * 31 + b;
      return h;
    }
  }
}
