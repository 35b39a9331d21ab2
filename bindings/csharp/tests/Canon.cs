// Canon.cs - a result, plan or error as the canonical document of the
// cross-language test (bindings/tests/cross_language.py): built from the
// binding's typed values only (never from ToJson()), with the keys and
// shapes of docs/JSON.md's result and error documents.
using System;
using System.Collections.Generic;

namespace Jp.Cpd.Tests {
  internal static class Canon {
    static string Date(DateTime d) { return d.ToString("yyyy-MM-dd"); }
    static string Date(DateTime? d) { return d.HasValue ? Date(d.Value) : null; }

    static JObject Period(Period p) {
      var m = new JObject();
      m.Put("starts_on", Date(p.StartsOn));
      m.Put("expires_on", Date(p.ExpiresOn));
      var years = new List<object>();
      foreach (PeriodYear y in p.Years) {
        var ym = new JObject();
        ym.Put("year", y.Year);
        ym.Put("starts_on", Date(y.StartsOn));
        ym.Put("ends_on", Date(y.EndsOn));
        years.Add(ym);
      }
      m.Put("years", years);
      return m;
    }

    public static JObject Result(Result r) {
      var m = new JObject();
      m.Put("decision", r.Decision.WireName());
      m.Put("applied_on", Date(r.AppliedOn));
      m.Put("qualification", r.Qualification);
      m.Put("period", Period(r.Period));
      var w = new JObject();
      w.Put("opens_on", Date(r.Window.OpensOn));
      w.Put("closes_on", Date(r.Window.ClosesOn));
      w.Put("status", r.Window.Status.WireName());
      m.Put("window", w);
      var pts = new JObject();
      pts.Put("required", r.Points.Required);
      pts.Put("counted", r.Points.Counted);
      pts.Put("shortfall", r.Points.Shortfall);
      var secs = new List<object>();
      foreach (Section s in r.Points.Sections) {
        var sm = new JObject();
        sm.Put("section", s.Name);
        sm.Put("claimed", s.Claimed);
        sm.Put("counted", s.Counted);
        sm.Put("cap", s.Cap);
        sm.Put("entries", s.Entries);
        secs.Add(sm);
      }
      pts.Put("sections", secs);
      m.Put("points", pts);
      var acts = new List<object>();
      foreach (Activity a in r.Activities) {
        var am = new JObject();
        am.Put("index", a.Index);
        am.Put("id", a.Id);
        am.Put("section", a.Section);
        am.Put("year", a.Year);
        am.Put("claimed", a.Claimed);
        am.Put("counted", a.Counted);
        am.Put("status", a.Status.WireName());
        acts.Add(am);
      }
      m.Put("activities", acts);
      m.Put("diagnostics", Diagnostics(r.Diagnostics));
      if (r.Renewal != null) {
        var rm = new JObject();
        rm.Put("starts_on", Date(r.Renewal.StartsOn));
        rm.Put("expires_on", Date(r.Renewal.ExpiresOn));
        m.Put("renewal", rm);
      }
      m.Put("email_subject", r.EmailSubject);
      m.Put("policy", Policy(r.Policy));
      return m;
    }

    static List<object> Diagnostics(IReadOnlyList<Diagnostic> ds) {
      var l = new List<object>();
      foreach (Diagnostic d in ds) {
        var dm = new JObject();
        dm.Put("code", d.Code);
        dm.Put("severity", d.Severity.WireName());
        dm.Put("rule", d.Rule);
        dm.Put("path", d.Path);
        dm.Put("message", d.Message);
        dm.Put("message_ja", d.MessageJa);
        l.Add(dm);
      }
      return l;
    }

    static JObject Policy(PolicyVersion p) {
      if (p == null) return null;
      var m = new JObject();
      m.Put("name", p.Name);
      m.Put("effective_from", Date(p.EffectiveFrom));
      return m;
    }

    public static JObject Error(CpdException e) {
      var em = new JObject();
      em.Put("code", e.Code);
      em.Put("path", e.Path);
      em.Put("offset", e.Offset >= 0 ? (object)e.Offset : null);
      em.Put("message", e.MessageEn);
      em.Put("message_ja", e.MessageJa);
      var m = new JObject();
      m.Put("error", em);
      return m;
    }

    public static JObject Plan(Plan p) {
      var m = new JObject();
      m.Put("as_of", Date(p.AsOf));
      m.Put("qualification", p.Qualification);
      m.Put("period", Period(p.Period));
      var w = new JObject();
      w.Put("opens_on", Date(p.Window.OpensOn));
      w.Put("closes_on", Date(p.Window.ClosesOn));
      w.Put("status", p.Window.Status.WireName());
      w.Put("days_until_opens", p.Window.DaysUntilOpens);
      w.Put("days_until_closes", p.Window.DaysUntilCloses);
      m.Put("window", w);
      var pts = new JObject();
      pts.Put("required", p.Points.Required);
      pts.Put("counted", p.Points.Counted);
      pts.Put("needed", p.Points.Needed);
      pts.Put("reachable_max", p.Points.ReachableMax);
      m.Put("points", pts);
      m.Put("reachable", p.Reachable);
      var secs = new List<object>();
      foreach (PlanSection s in p.SectionList) {
        var sm = new JObject();
        sm.Put("section", s.Name);
        sm.Put("year", s.Year);
        sm.Put("counted", s.Counted);
        sm.Put("cap", s.Cap);
        sm.Put("open", s.Open);
        sm.Put("open_until", Date(s.OpenUntil));
        sm.Put("room", s.Room);
        secs.Add(sm);
      }
      m.Put("sections", secs);
      m.Put("advice", p.Advice);
      m.Put("advice_ja", p.AdviceJa);
      m.Put("diagnostics", Diagnostics(p.Diagnostics));
      m.Put("policy", Policy(p.Policy));
      return m;
    }
  }
}
