/*
 * Result.java - the result document (docs/JSON.md "Result document") as
 * Java values: parsed once from the JSON text the engine returned, so it
 * holds no native memory.  Names follow the document (points().counted(),
 * window().status()); dates are LocalDate, points BigDecimal (exact).
 */
package jp.cpd;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

public final class Result {
  /** RULES.md R15. */
  public enum Decision {
    ELIGIBLE, INCOMPLETE, INELIGIBLE;

    /** The document's spelling ("eligible"). */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Decision of(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  public record PeriodYear(int year, LocalDate startsOn, LocalDate endsOn) {}

  public record Period(LocalDate startsOn, LocalDate expiresOn,
                       List<PeriodYear> years) {}

  /** status: "not_yet_open", "open" or "closed". */
  public record Window(LocalDate opensOn, LocalDate closesOn, String status) {}

  /** cap is null where the section has none. */
  public record Section(String section, BigDecimal claimed, BigDecimal counted,
                        BigDecimal cap, int entries) {}

  public record Points(BigDecimal required, BigDecimal counted,
                       BigDecimal shortfall, List<Section> sections) {}

  /**
   * id, section and year are null where the document has null; status is
   * "counted", "partially_counted", "capped" or "rejected".
   */
  public record Activity(int index, String id, String section, Integer year,
                         BigDecimal claimed, BigDecimal counted,
                         String status) {}

  /** severity: "fatal", "error", "warning" or "info". */
  public record Diagnostic(String code, String severity, String path,
                           String message, String messageJa) {}

  public record Renewal(LocalDate startsOn, LocalDate expiresOn) {}

  private final String json;
  private final Map<String, Object> doc;

  Result(String json) {
    this.json = json;
    this.doc = Json.parseObject(json);
  }

  public Decision decision() {
    return Decision.of(str(doc, "decision"));
  }

  public boolean isEligible() {
    return decision() == Decision.ELIGIBLE;
  }

  public LocalDate appliedOn() {
    return date(doc, "applied_on");
  }

  /** Canonical qualification ("OMP"), null when invalid. */
  public String qualification() {
    return str(doc, "qualification");
  }

  public Period period() {
    Map<String, Object> p = obj(doc, "period");
    List<PeriodYear> years = new ArrayList<>();
    for (Object o : list(p, "years")) {
      Map<String, Object> y = cast(o);
      years.add(new PeriodYear(num(y, "year").intValue(), date(y, "starts_on"),
                               date(y, "ends_on")));
    }
    return new Period(date(p, "starts_on"), date(p, "expires_on"),
                      Collections.unmodifiableList(years));
  }

  public Window window() {
    Map<String, Object> w = obj(doc, "window");
    return new Window(date(w, "opens_on"), date(w, "closes_on"),
                      str(w, "status"));
  }

  public Points points() {
    Map<String, Object> p = obj(doc, "points");
    return new Points(num(p, "required"), num(p, "counted"),
                      num(p, "shortfall"),
                      List.copyOf(sections().values()));
  }

  /** The sections by name, in document order: sections().get("B-1"). */
  public Map<String, Section> sections() {
    Map<String, Section> m = new LinkedHashMap<>();
    for (Object o : list(obj(doc, "points"), "sections")) {
      Map<String, Object> s = cast(o);
      m.put(str(s, "section"),
            new Section(str(s, "section"), num(s, "claimed"),
                        num(s, "counted"), num(s, "cap"),
                        num(s, "entries").intValue()));
    }
    return Collections.unmodifiableMap(m);
  }

  public List<Activity> activities() {
    List<Activity> out = new ArrayList<>();
    for (Object o : list(doc, "activities")) {
      Map<String, Object> a = cast(o);
      BigDecimal year = num(a, "year");
      out.add(new Activity(num(a, "index").intValue(), str(a, "id"),
                           str(a, "section"),
                           year == null ? null : year.intValue(),
                           num(a, "claimed"), num(a, "counted"),
                           str(a, "status")));
    }
    return Collections.unmodifiableList(out);
  }

  public List<Diagnostic> diagnostics() {
    List<Diagnostic> out = new ArrayList<>();
    for (Object o : list(doc, "diagnostics")) {
      Map<String, Object> d = cast(o);
      out.add(new Diagnostic(str(d, "code"), str(d, "severity"),
                             str(d, "path"), str(d, "message"),
                             str(d, "message_ja")));
    }
    return Collections.unmodifiableList(out);
  }

  /** The diagnostics' codes, in document order. */
  public List<String> codes() {
    List<String> out = new ArrayList<>();
    for (Diagnostic d : diagnostics()) {
      out.add(d.code());
    }
    return Collections.unmodifiableList(out);
  }

  /** The next period; present only when eligible. */
  public Optional<Renewal> renewal() {
    Object r = doc.get("renewal");
    if (r == null) {
      return Optional.empty();
    }
    Map<String, Object> m = cast(r);
    return Optional.of(new Renewal(date(m, "starts_on"),
                                   date(m, "expires_on")));
  }

  public String emailSubject() {
    return str(doc, "email_subject");
  }

  /** The whole document as unmodifiable maps, lists and values. */
  public Map<String, Object> toMap() {
    return doc;
  }

  /** The result document exactly as the engine wrote it. */
  public String toJson() {
    return json;
  }

  @Override
  public String toString() {
    Map<String, Object> p = obj(doc, "points");
    return "Result[" + str(doc, "decision") + ", counted=" + num(p, "counted")
        + ", required=" + num(p, "required") + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Result && ((Result) o).json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  // ------------------------------------------------------------ helpers
  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }

  private static Map<String, Object> obj(Map<String, Object> m, String k) {
    Object o = m.get(k);
    return o == null ? Map.of() : cast(o);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> m, String k) {
    Object o = m.get(k);
    return o == null ? List.of() : (List<Object>) o;
  }

  private static String str(Map<String, Object> m, String k) {
    return (String) m.get(k);
  }

  private static BigDecimal num(Map<String, Object> m, String k) {
    return (BigDecimal) m.get(k);
  }

  private static LocalDate date(Map<String, Object> m, String k) {
    String s = str(m, k);
    return s == null ? null : LocalDate.parse(s);
  }
}
