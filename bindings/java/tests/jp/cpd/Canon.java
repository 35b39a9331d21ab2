/*
 * Canon.java - a result, plan or error as the canonical document of the
 * cross-language test (bindings/tests/cross_language.py): built from the
 * binding's typed values only (never from toJson()), with the keys and
 * shapes of docs/JSON.md's result and error documents, so it must equal
 * the document C writes for the same application.
 */
package jp.cpd;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class Canon {
  private Canon() {}

  private static String date(LocalDate d) {
    return d == null ? null : d.toString();
  }

  static Map<String, Object> result(Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("decision", r.decision().wireName());
    m.put("applied_on", date(r.appliedOn()));
    m.put("qualification", r.qualification());
    Map<String, Object> period = new LinkedHashMap<>();
    period.put("starts_on", date(r.period().startsOn()));
    period.put("expires_on", date(r.period().expiresOn()));
    List<Object> years = new ArrayList<>();
    for (Result.PeriodYear y : r.period().years()) {
      Map<String, Object> ym = new LinkedHashMap<>();
      ym.put("year", y.year());
      ym.put("starts_on", date(y.startsOn()));
      ym.put("ends_on", date(y.endsOn()));
      years.add(ym);
    }
    period.put("years", years);
    m.put("period", period);
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("opens_on", date(r.window().opensOn()));
    w.put("closes_on", date(r.window().closesOn()));
    w.put("status", r.window().status().wireName());
    m.put("window", w);
    Map<String, Object> pts = new LinkedHashMap<>();
    pts.put("required", r.points().required());
    pts.put("counted", r.points().counted());
    pts.put("shortfall", r.points().shortfall());
    List<Object> secs = new ArrayList<>();
    for (Result.Section s : r.points().sections()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("section", s.section());
      sm.put("claimed", s.claimed());
      sm.put("counted", s.counted());
      sm.put("cap", s.cap());
      sm.put("entries", s.entries());
      secs.add(sm);
    }
    pts.put("sections", secs);
    m.put("points", pts);
    List<Object> acts = new ArrayList<>();
    for (Result.Activity a : r.activities()) {
      Map<String, Object> am = new LinkedHashMap<>();
      am.put("index", a.index());
      am.put("id", a.id());
      am.put("section", a.section());
      am.put("year", a.year());
      am.put("claimed", a.claimed());
      am.put("counted", a.counted());
      am.put("status", a.status().wireName());
      acts.add(am);
    }
    m.put("activities", acts);
    m.put("diagnostics", diagnostics(r.diagnostics()));
    r.renewal().ifPresent(rn -> {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("starts_on", date(rn.startsOn()));
      rm.put("expires_on", date(rn.expiresOn()));
      m.put("renewal", rm);
    });
    m.put("email_subject", r.emailSubject());
    m.put("policy", policy(r.policy()));
    return m;
  }

  static List<Object> diagnostics(List<Result.Diagnostic> ds) {
    List<Object> out = new ArrayList<>();
    for (Result.Diagnostic d : ds) {
      Map<String, Object> dm = new LinkedHashMap<>();
      dm.put("code", d.code());
      dm.put("severity", d.severity().wireName());
      dm.put("rule", d.rule());
      dm.put("path", d.path());
      dm.put("message", d.message());
      dm.put("message_ja", d.messageJa());
      out.add(dm);
    }
    return out;
  }

  static Map<String, Object> policy(PolicyVersion p) {
    if (p == null) {
      return null;
    }
    Map<String, Object> pm = new LinkedHashMap<>();
    pm.put("name", p.name());
    pm.put("effective_from", date(p.effectiveFrom()));
    return pm;
  }

  static Map<String, Object> error(CpdException e) {
    Map<String, Object> em = new LinkedHashMap<>();
    em.put("code", e.code());
    em.put("path", e.path());
    em.put("offset", e.offset() >= 0 ? e.offset() : null);
    em.put("message", e.messageEn());
    em.put("message_ja", e.messageJa());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", em);
    return m;
  }

  /** The plan document (docs/PLAN.md) from the typed plan. */
  static Map<String, Object> plan(Plan p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("as_of", date(p.asOf()));
    m.put("qualification", p.qualification());
    Map<String, Object> period = new LinkedHashMap<>();
    period.put("starts_on", date(p.period().startsOn()));
    period.put("expires_on", date(p.period().expiresOn()));
    List<Object> years = new ArrayList<>();
    for (Result.PeriodYear y : p.period().years()) {
      Map<String, Object> ym = new LinkedHashMap<>();
      ym.put("year", y.year());
      ym.put("starts_on", date(y.startsOn()));
      ym.put("ends_on", date(y.endsOn()));
      years.add(ym);
    }
    period.put("years", years);
    m.put("period", period);
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("opens_on", date(p.window().opensOn()));
    w.put("closes_on", date(p.window().closesOn()));
    w.put("status", p.window().status().wireName());
    w.put("days_until_opens", p.window().daysUntilOpens());
    w.put("days_until_closes", p.window().daysUntilCloses());
    m.put("window", w);
    Map<String, Object> pts = new LinkedHashMap<>();
    pts.put("required", p.points().required());
    pts.put("counted", p.points().counted());
    pts.put("needed", p.points().needed());
    pts.put("reachable_max", p.points().reachableMax());
    m.put("points", pts);
    m.put("reachable", p.reachable());
    List<Object> secs = new ArrayList<>();
    for (Plan.Section s : p.sections().values()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("section", s.section());
      sm.put("year", s.year());
      sm.put("counted", s.counted());
      sm.put("cap", s.cap());
      sm.put("open", s.open());
      sm.put("open_until", date(s.openUntil()));
      sm.put("room", s.room());
      secs.add(sm);
    }
    m.put("sections", secs);
    m.put("advice", p.advice());
    m.put("advice_ja", p.adviceJa());
    m.put("diagnostics", diagnostics(p.diagnostics()));
    m.put("policy", policy(p.policy()));
    return m;
  }
}
