/*
 * Result.java - the outcome of a check (docs/JSON.md "Result document"),
 * read through the library's typed accessors (cpd_result_summary,
 * cpd_result_section, ...; in one JNI call, cpd_bind_result_pack of
 * bindings/cpd.i) when the check returns, so it holds no native memory.  Names follow the document (points().counted(),
 * window().status()); dates are LocalDate, points BigDecimal (exact), the
 * decision, severities and statuses enums.  toJson() is the document the
 * engine wrote for the same check.
 */
package jp.cpd;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class Result {
  public record PeriodYear(int year, LocalDate startsOn, LocalDate endsOn) {}

  public record Period(LocalDate startsOn, LocalDate expiresOn,
                       List<PeriodYear> years) {}

  public record Window(LocalDate opensOn, LocalDate closesOn,
                       WindowStatus status) {}

  /**
   * One section's points; cap is null where the section has none, year
   * the year of the period of a per-year section (null for A).
   */
  public record Section(String section, BigDecimal claimed, BigDecimal counted,
                        BigDecimal cap, int entries, Integer year) {}

  public record Points(BigDecimal required, BigDecimal counted,
                       BigDecimal shortfall, List<Section> sections) {}

  /** id, section and year are null where the document has null. */
  public record Activity(int index, String id, String section, Integer year,
                         BigDecimal claimed, BigDecimal counted,
                         ActivityStatus status) {}

  /**
   * One finding; the messages never contain personal data.  rule is the
   * rule it comes from ("R6", see Cpd.explain); activity the index of the
   * activity it is about, or null.
   */
  public record Diagnostic(String code, Severity severity, String path,
                           String message, String messageJa, String rule,
                           Integer activity) {}

  public record Renewal(LocalDate startsOn, LocalDate expiresOn) {}

  private final byte[] json;
  private final Decision decision;
  private final LocalDate appliedOn;
  private final String qualification;
  private final Period period;
  private final Window window;
  private final Points points;
  private final Map<String, Section> sections;
  private final List<Activity> activities;
  private final List<Diagnostic> diagnostics;
  private final Renewal renewal;
  private final String emailSubject;
  private final PolicyVersion policy;

  /**
   * Reads a typed result (owned or lent) in one call across JNI
   * (cpd_bind_result_pack, bindings/cpd.i) and keeps its document.
   */
  Result(NativeResult r, byte[] json, Packed p) throws CpdException {
    this.json = json;
    p.pack(r);
    long[] n = p.nums;
    decision = Decision.fromNative(NativeDecision.swigToEnum((int) n[0]));
    appliedOn = Values.date((int) n[1]);
    qualification = p.text(2);
    int years = (int) n[6];
    int k = 23;
    List<PeriodYear> ys = new ArrayList<>(years);
    for (int y = 1; y <= years; y++, k += 2) {
      ys.add(new PeriodYear(y, Values.date((int) n[k]), Values.date((int) n[k + 1])));
    }
    period = new Period(Values.date((int) n[4]), Values.date((int) n[5]),
                        Collections.unmodifiableList(ys));
    window = new Window(Values.date((int) n[7]), Values.date((int) n[8]),
                        WindowStatus.fromNative(NativeWindowStatus.swigToEnum((int) n[9])));
    int ns = (int) n[20];
    int na = (int) n[21];
    int nd = (int) n[22];
    Map<String, Section> m = new LinkedHashMap<>();
    for (int i = 0; i < ns; i++, k += 7) {
      String name = p.text(k);
      m.put(name, new Section(name, Values.points(n[k + 2]), Values.points(n[k + 3]),
                              Values.pointsOrNull(n[k + 4]), (int) n[k + 5],
                              Values.yearOrNull((int) n[k + 6])));
    }
    sections = Collections.unmodifiableMap(m);
    points = new Points(Values.points(n[10]), Values.points(n[11]),
                        Values.points(n[12]), List.copyOf(sections.values()));
    List<Activity> as = new ArrayList<>(na);
    for (int i = 0; i < na; i++, k += 9) {
      as.add(new Activity((int) n[k], p.text(k + 1), p.text(k + 3),
                          Values.yearOrNull((int) n[k + 5]), Values.points(n[k + 6]),
                          Values.points(n[k + 7]),
                          ActivityStatus.fromNative(
                              NativeActivityStatus.swigToEnum((int) n[k + 8]))));
    }
    activities = Collections.unmodifiableList(as);
    List<Diagnostic> ds = new ArrayList<>(nd);
    for (int i = 0; i < nd; i++, k += 12) {
      ds.add(new Diagnostic(p.text(k), Severity.fromNative(
                                NativeSeverity.swigToEnum((int) n[k + 2])),
                            p.text(k + 3), p.text(k + 5), p.text(k + 7), p.text(k + 9),
                            n[k + 11] < 0 ? null : (int) n[k + 11]));
    }
    diagnostics = Collections.unmodifiableList(ds);
    renewal = decision == Decision.ELIGIBLE
        ? new Renewal(Values.date((int) n[13]), Values.date((int) n[14]))
        : null;
    emailSubject = p.text(15);
    String name = p.text(17);
    policy = name == null ? null : new PolicyVersion(name, Values.date((int) n[19]));
  }

  /**
   * The buffers cpd_bind_result_pack fills, kept by a checker between
   * calls (grown when a result needs more).
   */
  static final class Packed {
    long[] nums = new long[1024];
    byte[] texts = new byte[16384];

    void pack(NativeResult r) throws CpdException {
      while (true) {
        long k = CpdNative.result_pack(r, nums, texts);
        if (k >= 0) {
          return;
        }
        if (k != -1) { // no memory to render the messages
          throw new CpdException(Status.ENOMEM, "out_of_memory", "", -1,
                                 Status.ENOMEM.text(), "");
        }
        long wantNums = nums[0];
        long wantTexts = nums[1];
        if (wantNums > nums.length) {
          nums = new long[Math.toIntExact(Math.max(wantNums, 2L * nums.length))];
        }
        if (wantTexts > texts.length) {
          texts = new byte[Math.toIntExact(Math.max(wantTexts, 2L * texts.length))];
        }
      }
    }

    /** The text whose offset and length are at nums[i], nums[i + 1]. */
    String text(int i) {
      long off = nums[i];
      return off < 0 ? null : new String(texts, (int) off, (int) nums[i + 1],
                                         StandardCharsets.UTF_8);
    }
  }

  static Period readPeriod(NativeResult r, NativeSummary s) throws CpdException {
    List<PeriodYear> years = new ArrayList<>();
    int[] starts = new int[1];
    int[] ends = new int[1];
    for (int y = 1; y <= s.getPeriod_years(); y++) {
      CpdNative.result_period_year(r, y, starts, ends);
      years.add(new PeriodYear(y, Values.date(starts[0]), Values.date(ends[0])));
    }
    return new Period(Values.date(s.getPeriod_starts_on()),
                      Values.date(s.getPeriod_expires_on()),
                      Collections.unmodifiableList(years));
  }

  static List<Activity> readActivities(NativeResult r) {
    long n = CpdNative.result_activity_count(r);
    List<Activity> out = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      NativeActivityResult a = CpdNative.result_activity(r, i);
      out.add(new Activity(Math.toIntExact(a.getIndex()), a.getId(),
                           a.getSection(), Values.yearOrNull(a.getYear()),
                           Values.points(a.getClaimed()),
                           Values.points(a.getCounted()),
                           ActivityStatus.fromNative(a.getStatus())));
    }
    return Collections.unmodifiableList(out);
  }

  static List<Diagnostic> readDiagnostics(NativeResult r) throws CpdException {
    long n = CpdNative.result_diagnostic_count(r);
    List<Diagnostic> out = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      NativeDiagnostic d = CpdNative.result_diagnostic(r, i);
      if (d == null) { // no memory to render the messages
        throw new CpdException(Status.ENOMEM, "out_of_memory", "", -1,
                               Status.ENOMEM.text(), "");
      }
      long act = d.getActivity();
      out.add(new Diagnostic(d.getCode(), Severity.fromNative(d.getSeverity()),
                             d.getPath(), d.getMessage(), d.getMessage_ja(),
                             d.getRule(),
                             act == CpdNativeConstants.NO_ACTIVITY ? null
                                 : Math.toIntExact(act)));
    }
    return Collections.unmodifiableList(out);
  }

  public Decision decision() {
    return decision;
  }

  public boolean isEligible() {
    return decision == Decision.ELIGIBLE;
  }

  public LocalDate appliedOn() {
    return appliedOn;
  }

  /** Canonical qualification ("OMP"), null when invalid. */
  public String qualification() {
    return qualification;
  }

  public Period period() {
    return period;
  }

  public Window window() {
    return window;
  }

  public Points points() {
    return points;
  }

  /** The sections by name, in document order: sections().get("B-1"). */
  public Map<String, Section> sections() {
    return sections;
  }

  public List<Activity> activities() {
    return activities;
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** The diagnostics' codes, in document order. */
  public List<String> codes() {
    List<String> out = new ArrayList<>(diagnostics.size());
    for (Diagnostic d : diagnostics) {
      out.add(d.code());
    }
    return Collections.unmodifiableList(out);
  }

  /** The next period; present only when eligible. */
  public Optional<Renewal> renewal() {
    return Optional.ofNullable(renewal);
  }

  public String emailSubject() {
    return emailSubject;
  }

  /**
   * The policy version the application was checked against (with dated
   * versions, the one in force on applied_on).
   */
  public PolicyVersion policy() {
    return policy;
  }

  /** The result document exactly as the engine wrote it. */
  public String toJson() {
    return new String(json, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Result[" + decision + ", counted=" + points.counted()
        + ", required=" + points.required() + ", diagnostics="
        + diagnostics.size() + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Result && java.util.Arrays.equals(((Result) o).json, json);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(json);
  }
}
