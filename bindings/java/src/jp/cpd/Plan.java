/*
 * Plan.java - the outcome of Cpd.plan (docs/PLAN.md): for an application in
 * progress, as of a day, what counts so far, the room left in each
 * section, the window, and whether the requirement can still be met.
 * Read through the typed plan accessors (cpd_plan_get_totals,
 * cpd_plan_section_at, cpd_plan_result); holds no native memory.
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

public final class Plan {
  /**
   * The window seen from asOf: its state on that day and the days to its
   * first and last day (negative once passed).
   */
  public record Window(LocalDate opensOn, LocalDate closesOn,
                       WindowStatus status, int daysUntilOpens,
                       int daysUntilCloses) {}

  /**
   * Points so far; needed = max(0, required - counted); reachableMax is
   * counted plus the room of every open section, null when an open
   * section has no cap (then any amount can still count).
   */
  public record Points(BigDecimal required, BigDecimal counted,
                       BigDecimal needed, BigDecimal reachableMax) {}

  /**
   * One section as seen from asOf: year null for a whole-period section;
   * open: an activity completed from asOf on can still count, until
   * openUntil (null when closed); room: what it can still take, null when
   * unlimited, 0 when closed.
   */
  public record Section(String section, Integer year, BigDecimal counted,
                        BigDecimal cap, boolean open, LocalDate openUntil,
                        BigDecimal room) {}

  private final byte[] json;
  private final LocalDate asOf;
  private final String qualification;
  private final Result.Period period;
  private final Window window;
  private final Points points;
  private final boolean reachable;
  private final Map<String, Section> sections;
  private final String advice;
  private final String adviceJa;
  private final List<Result.Activity> activities;
  private final List<Result.Diagnostic> diagnostics;
  private final PolicyVersion policy;

  Plan(NativePlan p) throws CpdException {
    json = CpdNative.plan_to_json(p);
    NativePlanTotals t = CpdNative.plan_get_totals(p);
    NativeResult r = CpdNative.plan_result(p);
    NativeSummary s = CpdNative.result_summary(r);
    asOf = Values.date(t.getAs_of());
    qualification = s.getQualification();
    period = Result.readPeriod(r, s);
    window = new Window(Values.date(t.getWindow_opens_on()),
                        Values.date(t.getWindow_closes_on()),
                        WindowStatus.fromNative(t.getWindow_status()),
                        t.getDays_until_opens(), t.getDays_until_closes());
    points = new Points(Values.points(t.getRequired()),
                        Values.points(t.getCounted()),
                        Values.points(t.getNeeded()),
                        t.getUnlimited() != 0 ? null
                            : Values.points(t.getReachable_max()));
    reachable = t.getReachable() != 0;
    Map<String, Section> m = new LinkedHashMap<>();
    long n = CpdNative.plan_section_count(p);
    for (long i = 0; i < n; i++) {
      NativePlanSection x = CpdNative.plan_section_at(p, i);
      m.put(x.getSection(),
            new Section(x.getSection(), Values.yearOrNull(x.getYear()),
                        Values.points(x.getCounted()),
                        Values.pointsOrNull(x.getCap()), x.getOpen() != 0,
                        Values.date(x.getOpen_until()),
                        Values.pointsOrNull(x.getRoom())));
    }
    sections = Collections.unmodifiableMap(m);
    advice = t.getAdvice();
    adviceJa = t.getAdvice_ja();
    activities = Result.readActivities(r);
    diagnostics = Result.readDiagnostics(r);
    String name = s.getPolicy_name();
    policy = name == null ? null
        : new PolicyVersion(name, Values.date(s.getPolicy_effective_from()));
  }

  /** The day planned from. */
  public LocalDate asOf() {
    return asOf;
  }

  /** Canonical qualification ("OMP"), null when invalid. */
  public String qualification() {
    return qualification;
  }

  public Result.Period period() {
    return period;
  }

  public Window window() {
    return window;
  }

  public Points points() {
    return points;
  }

  /**
   * The requirement can still be met by the window's close: nothing is
   * needed, an open section has no cap, or reachableMax is at least
   * required.
   */
  public boolean reachable() {
    return reachable;
  }

  /** Every section by name, in document order. */
  public Map<String, Section> sections() {
    return sections;
  }

  /** The least still to add, split by what is open (English). */
  public String advice() {
    return advice;
  }

  /** The same advice in Japanese. */
  public String adviceJa() {
    return adviceJa;
  }

  /** The activities as a check places and counts them on asOf. */
  public List<Result.Activity> activities() {
    return activities;
  }

  /**
   * What is already wrong, as a check would say on asOf, without what
   * only says the application is not finished yet (window.not_yet_open,
   * points.shortfall, fee.missing, oath.not_agreed,
   * applicant.missing_field).
   */
  public List<Result.Diagnostic> diagnostics() {
    return diagnostics;
  }

  public List<String> codes() {
    List<String> out = new ArrayList<>();
    for (Result.Diagnostic d : diagnostics) {
      out.add(d.code());
    }
    return Collections.unmodifiableList(out);
  }

  /** The policy version in force on asOf. */
  public PolicyVersion policy() {
    return policy;
  }

  /** The plan document exactly as the engine wrote it. */
  public String toJson() {
    return new String(json, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Plan[asOf=" + asOf + ", counted=" + points.counted() + ", needed="
        + points.needed() + ", reachable=" + reachable + "]";
  }
}
