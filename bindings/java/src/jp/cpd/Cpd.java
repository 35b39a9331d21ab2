/*
 * Cpd.java - the CPD renewal rules engine (libcpd) for Java.
 *
 *   Result r = Cpd.check(json);              // the application document
 *   r.decision(); r.points().counted(); r.sections().get("B-1").counted();
 *
 * An application crosses into C once, as UTF-8 bytes, and its result
 * document comes back once.  Failures are checked exceptions:
 * InputException (the application cannot be evaluated), PolicyException
 * (a policy is refused), both CpdException.  Thread-safe: any number of
 * threads may check at once, sharing a Policy.
 */
package jp.cpd;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

public final class Cpd {
  private Cpd() {}

  /** The application window of a certification expiring on some day. */
  public record WindowDates(LocalDate opensOn, LocalDate closesOn) {}

  /** Version of the libcpd inside the binding ("0.1.0"). */
  public static String version() {
    return CpdNative.version_string();
  }

  /** Checks an application document under the default policy. */
  public static Result check(String json) throws CpdException {
    return check(json, null, null);
  }

  /** Checks an application document under a policy (null: default). */
  public static Result check(String json, Policy policy) throws CpdException {
    return check(json, policy, null);
  }

  /**
   * Checks an application document.
   *
   * @param json the application document (docs/JSON.md)
   * @param policy null for the built-in default
   * @param asOf null, or evaluate as if applied on this day (replaces the
   *     document's applied_on)
   * @return the result; an incomplete or ineligible application is a result
   * @throws InputException the application cannot be evaluated; code(),
   *     path() and offset() say what and where
   */
  public static Result check(String json, Policy policy, LocalDate asOf)
      throws CpdException {
    if (json == null) {
      throw new NullPointerException("json");
    }
    return check(json.getBytes(StandardCharsets.UTF_8), policy, asOf);
  }

  /** check() of the document's UTF-8 bytes, passed to the engine as is. */
  public static Result check(byte[] utf8, Policy policy, LocalDate asOf)
      throws CpdException {
    if (utf8 == null) {
      throw new NullPointerException("utf8");
    }
    NativePolicy h = Policy.handleOf(policy);
    byte[] out;
    if (asOf == null) {
      out = CpdNative.check_json_opts(h, utf8, null);
    } else {
      NativeCheckOptions o = new NativeCheckOptions();
      try {
        o.setAs_of(toDay(asOf));
        out = CpdNative.check_json_opts(h, utf8, o);
      } finally {
        o.delete();
      }
    }
    return new Result(new String(out, StandardCharsets.UTF_8));
  }

  /**
   * Parses a date in any form of RULES.md R13 (ISO, 2024/4/1, 2024年4月1日,
   * 令和6年4月1日, R6.4.1, R06.04.01, full-width digits, ...).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static LocalDate parseDate(String text) {
    try {
      return fromDay(CpdNative.day_parse(text.getBytes(StandardCharsets.UTF_8)));
    } catch (CpdException e) {
      throw new IllegalArgumentException(
          "not a date in any form libcpd reads (ISO, 令和6年4月1日, R6.4.1, ...)");
    }
  }

  /** Fiscal year of a day (default policy: FY(2025-03-31) = 2024). */
  public static int fiscalYear(LocalDate date, Policy policy) {
    return CpdNative.policy_fiscal_year(Policy.handleOf(policy), toDay(date));
  }

  /**
   * When applications open and close for a certification expiring on
   * expiresOn (RULES.md R3), under the policy version in force on that day
   * (cpd_policy_window: the same window check() gives).
   *
   * @param policy null for the built-in default
   */
  public static WindowDates window(LocalDate expiresOn, Policy policy)
      throws CpdException {
    if (expiresOn == null) {
      throw new NullPointerException("expiresOn");
    }
    int[] opens = new int[1];
    int[] closes = new int[1];
    CpdNative.policy_window(opens, closes, Policy.handleOf(policy),
                            toDay(expiresOn));
    return new WindowDates(fromDay(opens[0]), fromDay(closes[0]));
  }

  static int toDay(LocalDate d) {
    return Math.toIntExact(d.toEpochDay());
  }

  static LocalDate fromDay(int day) {
    return LocalDate.ofEpochDay(day);
  }
}
