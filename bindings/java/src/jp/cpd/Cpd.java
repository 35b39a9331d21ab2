/*
 * Cpd.java - the CPD renewal rules engine (libcpd) for Java.
 *
 *   Result r = Cpd.check(json);              // the application document
 *   r.decision(); r.points().counted(); r.sections().get("B-1").counted();
 *
 * An application crosses into C once, as UTF-8 bytes; the result is read
 * through the library's typed accessors in the same call, so a Result
 * holds no native memory.  Each thread checks with a reusable checker of
 * its own (cpd_checker, see Checker).  Failures are checked exceptions:
 * InputException (the application cannot be evaluated), PolicyException
 * (a policy is refused), both CpdException.  Thread-safe: any number of
 * threads may check at once, sharing a Policy.
 */
package jp.cpd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

public final class Cpd {
  private Cpd() {}

  /** The application window of a certification expiring on some day. */
  public record WindowDates(LocalDate opensOn, LocalDate closesOn) {}

  /** Version of the libcpd inside the binding ("0.2.0"). */
  public static String version() {
    return CpdNative.version_string();
  }

  // ---------------------------------------------------------------- check

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
    if (asOf == null) {
      Policy p = policy == null ? Policy.shared() : policy;
      return p.localChecker().check(utf8);
    }
    try (Checker c = new Checker(policy, asOf, null)) {
      return c.check(utf8);
    }
  }

  /** check() of a file's contents. */
  public static Result check(Path file, Policy policy, LocalDate asOf)
      throws CpdException, IOException {
    return check(Files.readAllBytes(file), policy, asOf);
  }

  /**
   * Checks applications one after another with one checker, lazily: an
   * Outcome per element, in order.  Close the stream (try-with-resources)
   * to free the checker at once; otherwise a Cleaner does.
   */
  public static Stream<Checker.Outcome> checkMany(Iterable<String> applications,
                                                  Policy policy, LocalDate asOf)
      throws CpdException {
    Checker c = new Checker(policy, asOf, null);
    return c.checkMany(applications).onClose(c::close);
  }

  /**
   * Checks an NDJSON file (one application per line) as `cpd batch` does:
   * an Outcome per line that is not blank, in input order, in constant
   * memory.  Close the stream (try-with-resources).
   */
  public static Stream<Checker.Outcome> batch(Path ndjson, Policy policy,
                                              LocalDate asOf)
      throws CpdException, IOException {
    InputStream in = Files.newInputStream(ndjson);
    try {
      return batch(in, policy, asOf).onClose(() -> {
        try {
          in.close();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (CpdException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** batch() of a stream (left open). */
  public static Stream<Checker.Outcome> batch(InputStream ndjson, Policy policy,
                                              LocalDate asOf)
      throws CpdException {
    Checker c = new Checker(policy, asOf, null);
    return c.batch(ndjson).onClose(c::close);
  }

  // ----------------------------------------------------------------- plan

  /**
   * Plans an application in progress as of a day (docs/PLAN.md): what
   * counts so far, the room left in each section, the window, and whether
   * the requirement can still be met.  applied_on, the applicant, the fee
   * and the oath may still be missing; certification.expires_on is needed.
   *
   * @param asOf the day to plan from (required: the library reads no clock)
   * @param policy null for the built-in default
   * @throws InputException the application cannot be read
   */
  public static Plan plan(String json, LocalDate asOf, Policy policy)
      throws CpdException {
    if (json == null) {
      throw new NullPointerException("json");
    }
    return plan(json.getBytes(StandardCharsets.UTF_8), asOf, policy);
  }

  /** plan() of the document's UTF-8 bytes. */
  public static Plan plan(byte[] utf8, LocalDate asOf, Policy policy)
      throws CpdException {
    if (utf8 == null || asOf == null) {
      throw new NullPointerException(utf8 == null ? "utf8" : "asOf");
    }
    NativePlan p = CpdNative.plan_evaluate_json(Policy.handleOf(policy), utf8,
                                                Values.day(asOf), null);
    try {
      return new Plan(p);
    } finally {
      p.delete();
    }
  }

  // ---------------------------------------------------------------- audit

  /**
   * Selects holders for the annual audit (RULES.md R16) from roster lines:
   * each an application document or {"number": .., "qualification": ..};
   * blank lines are skipped (and counted in Entry.line()).
   *
   * @throws InputException a bad line (unless Options.collectErrors), with
   *     line(), code() (audit.duplicate_number, audit.missing_number,
   *     input.*) and path()
   */
  public static Audit.Selection audit(Iterable<String> roster,
                                      Audit.Options options)
      throws CpdException {
    return Audit.run(roster, options);
  }

  /** audit() of a roster file (NDJSON), read with the library's reader. */
  public static Audit.Selection auditFile(Path roster, Audit.Options options)
      throws CpdException, IOException {
    try (InputStream in = Files.newInputStream(roster)) {
      return Audit.run(in, options);
    }
  }

  /**
   * The keyed hash audit() gives a certification number under a seed
   * (unsigned 64 bits; without stratify a holder is selected when
   * Long.remainderUnsigned(hash, 1_000_000) is under rate * 1_000_000).
   *
   * @throws CpdException (EINVAL) for an empty number
   */
  public static long auditHash(String number, long seed) throws CpdException {
    return Audit.hash(number, seed);
  }

  // -------------------------------------------------------------- redact

  /**
   * The application with personal data masked (names to initials, the
   * address to its prefecture, ...), as `cpd redact` writes it.
   *
   * @throws InputException the document cannot be read
   */
  public static String redact(String json) throws CpdException {
    if (json == null) {
      throw new NullPointerException("json");
    }
    return redact(json.getBytes(StandardCharsets.UTF_8));
  }

  /** redact() of UTF-8 bytes. */
  public static String redact(byte[] utf8) throws CpdException {
    if (utf8 == null) {
      throw new NullPointerException("utf8");
    }
    return new String(CpdNative.redact_json(utf8, null), StandardCharsets.UTF_8);
  }

  // ----------------------------------------------------------- catalogue

  /** Catalogue.explain: what a diagnostic code or rule ID means. */
  public static Catalogue.Explanation explain(String codeOrRule) {
    return Catalogue.explain(codeOrRule);
  }

  /** Catalogue.codes: every code the library can report. */
  public static List<Catalogue.CodeInfo> codes() {
    return Catalogue.codes();
  }

  /** Catalogue.rules: R1-R16. */
  public static List<Catalogue.RuleInfo> rules() {
    return Catalogue.rules();
  }

  /** Catalogue.fields: the fields of the application document. */
  public static List<Catalogue.FieldInfo> fields() {
    return Catalogue.fields();
  }

  /**
   * Text as the engine sees it (RULES.md R11): NFKC, trimmed, every run of
   * white space one ASCII space.
   */
  public static String normalizeText(String text) {
    try {
      return new String(CpdNative.text_normalize(
          text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    } catch (CpdException e) {
      throw new IllegalArgumentException("not text the library can read", e);
    }
  }

  /**
   * An amount of yen with a comma every three digits, as the office's
   * documents write it (cpd_yen_format): 10000 is "10,000", -1500 "-1,500".
   */
  public static String formatYen(long yen) {
    return CpdNative.yen_format(yen);
  }

  // ---------------------------------------------------------------- dates

  /**
   * Parses a date in any form of RULES.md R13 (ISO, 2024/4/1, 2024年4月1日,
   * 令和6年4月1日, R6.4.1, R06.04.01, full-width digits, ...).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static LocalDate parseDate(String text) {
    try {
      return Values.date(CpdNative.day_parse(text.getBytes(StandardCharsets.UTF_8)));
    } catch (CpdException e) {
      throw new IllegalArgumentException(
          "not a date in any form libcpd reads (ISO, 令和6年4月1日, R6.4.1, ...)");
    }
  }

  /** Fiscal year of a day (default policy: FY(2025-03-31) = 2024). */
  public static int fiscalYear(LocalDate date, Policy policy) {
    return CpdNative.policy_fiscal_year(Policy.handleOf(policy), Values.day(date));
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
                            Values.day(expiresOn));
    return new WindowDates(Values.date(opens[0]), Values.date(closes[0]));
  }
}
