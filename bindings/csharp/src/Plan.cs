// Plan.cs - the outcome of Cpd.Plan (docs/PLAN.md): for an application in
// progress, as of a day, what counts so far, the room left in each
// section, the window, and whether the requirement can still be met.
// Read through the typed plan accessors; holds no native memory.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text;

namespace Jp.Cpd {
  /// <summary>The window seen from AsOf: its state on that day and the
  /// days to its first and last day (negative once passed).</summary>
  public sealed class PlanWindow {
    internal PlanWindow(DateTime opensOn, DateTime closesOn, WindowStatus status,
                        int daysUntilOpens, int daysUntilCloses) {
      OpensOn = opensOn; ClosesOn = closesOn; Status = status;
      DaysUntilOpens = daysUntilOpens; DaysUntilCloses = daysUntilCloses;
    }
    public DateTime OpensOn { get; private set; }
    public DateTime ClosesOn { get; private set; }
    public WindowStatus Status { get; private set; }
    public int DaysUntilOpens { get; private set; }
    public int DaysUntilCloses { get; private set; }
  }

  /// <summary>Points so far; Needed = max(0, Required - Counted);
  /// ReachableMax is null when an open section has no cap.</summary>
  public sealed class PlanPoints {
    internal PlanPoints(decimal required, decimal counted, decimal needed, decimal? reachableMax) {
      Required = required; Counted = counted; Needed = needed; ReachableMax = reachableMax;
    }
    public decimal Required { get; private set; }
    public decimal Counted { get; private set; }
    public decimal Needed { get; private set; }
    public decimal? ReachableMax { get; private set; }
  }

  /// <summary>One section seen from AsOf: Open until OpenUntil (null when
  /// closed); Room null when unlimited, 0 when closed.</summary>
  public sealed class PlanSection {
    internal PlanSection(string name, int? year, decimal counted, decimal? cap, bool open,
                         DateTime? openUntil, decimal? room) {
      Name = name; Year = year; Counted = counted; Cap = cap; Open = open;
      OpenUntil = openUntil; Room = room;
    }
    public string Name { get; private set; }
    public int? Year { get; private set; }
    public decimal Counted { get; private set; }
    public decimal? Cap { get; private set; }
    public bool Open { get; private set; }
    public DateTime? OpenUntil { get; private set; }
    public decimal? Room { get; private set; }
  }

  public sealed class Plan {
    readonly byte[] json;

    internal Plan(NativePlan p) {
      json = CpdNative.plan_to_json(p);
      NativePlanTotals t = CpdNative.plan_get_totals(p);
      NativeResult r = CpdNative.plan_result(p);
      NativeSummary s = CpdNative.result_summary(r);
      AsOf = Values.Date(t.as_of);
      Qualification = s.qualification;
      Period = Result.ReadPeriod(r, s);
      Window = new PlanWindow(Values.Date(t.window_opens_on), Values.Date(t.window_closes_on),
                              WireNames.Of(t.window_status), t.days_until_opens,
                              t.days_until_closes);
      Points = new PlanPoints(Values.Points(t.required), Values.Points(t.counted),
                              Values.Points(t.needed),
                              t.unlimited != 0 ? (decimal?)null : Values.Points(t.reachable_max));
      Reachable = t.reachable != 0;
      var list = new List<PlanSection>();
      var byName = new Dictionary<string, PlanSection>();
      for (ulong i = 0, n = CpdNative.plan_section_count(p); i < n; i++) {
        NativePlanSection x = CpdNative.plan_section_at(p, i);
        var sec = new PlanSection(x.section, Values.YearOrNull(x.year), Values.Points(x.counted),
                                  Values.PointsOrNull(x.cap), x.open != 0,
                                  Values.DateOrNull(x.open_until), Values.PointsOrNull(x.room));
        list.Add(sec);
        byName[sec.Name] = sec;
      }
      SectionList = list.AsReadOnly();
      Sections = new ReadOnlyDictionary<string, PlanSection>(byName);
      Advice = t.advice;
      AdviceJa = t.advice_ja;
      Activities = Result.ReadActivities(r);
      Diagnostics = Result.ReadDiagnostics(r);
      string name = s.policy_name;
      if (name != null) Policy = new PolicyVersion(name, Values.Date(s.policy_effective_from));
    }

    public DateTime AsOf { get; private set; }
    public string Qualification { get; private set; }
    public Period Period { get; private set; }
    public PlanWindow Window { get; private set; }
    public PlanPoints Points { get; private set; }
    /// <summary>The requirement can still be met by the window's close.</summary>
    public bool Reachable { get; private set; }
    /// <summary>Every section by name: Sections["B-3"].Room.</summary>
    public IReadOnlyDictionary<string, PlanSection> Sections { get; private set; }
    /// <summary>Every section in document order.</summary>
    public IReadOnlyList<PlanSection> SectionList { get; private set; }
    public string Advice { get; private set; }
    public string AdviceJa { get; private set; }
    /// <summary>The activities as a check places and counts them on AsOf.</summary>
    public IReadOnlyList<Activity> Activities { get; private set; }
    /// <summary>What is already wrong on AsOf (not what only says the
    /// application is not finished yet).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; private set; }
    public PolicyVersion Policy { get; private set; }

    /// <summary>The plan document exactly as the engine wrote it.</summary>
    public string ToJson() { return Encoding.UTF8.GetString(json); }
  }
}
