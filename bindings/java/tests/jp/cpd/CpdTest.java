/*
 * CpdTest.java - tests of the Java binding (no JUnit on the machine: a
 * small runner).  In package jp.cpd to reach the package-private raw
 * module beside the public API.
 *
 *   java -Djp.cpd.library=.../libcpdjni.so -cp cpd.jar:cpd_java_tests.jar \
 *        jp.cpd.CpdTest MODE ARGS...
 *
 * golden CASE_DIR...  every NAME.json + NAME.expected.json (tests/run-cases
 *                     documents the semantics) through Cpd.check, with the
 *                     same outcome as the C API and the CLI, and the typed
 *                     result equal to the document the engine wrote;
 * api CASE_DIR        the rest of the surface: errors, policies and their
 *                     versions, dates, checkers and batches, plan, audit,
 *                     redact, the catalogue, threads, characters outside
 *                     the BMP, close();
 * leak N CASE_DIR     N calls (200,000 in ctest) with resident memory flat
 *                     within 5% after a warm-up of N/10;
 * canon [--policy P] IN.ndjson OUT.ndjson
 *                     for the cross-language test: each line of IN through
 *                     Cpd.batch, written as the canonical document built
 *                     from the typed result (Canon), one per line.
 * Ends with "N passed, M failed"; exit status 1 if any failed.
 */
package jp.cpd;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public final class CpdTest {
  private int passed;
  private int failed;

  interface Body {
    void run() throws Exception;
  }

  private void test(String name, Body body) {
    try {
      body.run();
      passed++;
      System.out.println("ok   " + name);
    } catch (Throwable t) {
      failed++;
      System.out.println("FAIL " + name + ": " + t);
      t.printStackTrace(System.out);
    }
  }

  private static void check(boolean cond, String what) {
    if (!cond) {
      throw new AssertionError(what);
    }
  }

  private static void eq(Object got, Object want, String what) {
    if (got instanceof BigDecimal && want instanceof BigDecimal) {
      if (((BigDecimal) got).compareTo((BigDecimal) want) == 0) {
        return;
      }
    } else if (Objects.equals(got, want)) {
      return;
    }
    throw new AssertionError(what + ": got " + got + ", expected " + want);
  }

  /** The code of the InputException a document raises (null: none). */
  private static String inputError(byte[] doc, Limits limits) throws CpdException {
    try (Checker c = new Checker(null, null, limits)) {
      c.check(doc);
      return null;
    } catch (InputException e) {
      return e.code();
    }
  }

  /** A policy of n dated versions vI, effective from 2000+I-01-01. */
  private static String datedVersions(int n) {
    StringBuilder b = new StringBuilder("{\"versions\": [");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"name\": \"v").append(i)
          .append("\", \"effective_from\": \"").append(2000 + i)
          .append("-01-01\"}");
    }
    return b.append("]}").toString();
  }

  /**
   * A policy's versions as the binding found them before cpd.h had
   * cpd_policy_version_at: the version in force on the last day there is,
   * then on the day before each one's effective_from (n + 1 checks).
   */
  private static List<PolicyVersion> probedVersions(Policy p) throws CpdException {
    List<PolicyVersion> out = new ArrayList<>();
    LocalDate day = LocalDate.of(9999, 12, 31);
    while (true) {
      PolicyVersion v = Cpd.check("{\"applied_on\": \"" + day + "\","
          + " \"certification\": {\"expires_on\": \"2027-03-31\"}}", p).policy();
      if (!out.isEmpty() && out.get(0).effectiveFrom().equals(v.effectiveFrom())) {
        break;
      }
      out.add(0, v);
      day = v.effectiveFrom().minusDays(1);
    }
    return out;
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /** A parsed document with every number as a BigDecimal (TestJson). */
  private static Object parsed(String json) {
    return TestJson.parse(json);
  }

  /** The typed result as a document equals the one the engine wrote. */
  private static void typedEqualsDocument(Result r) {
    Object typed = parsed(TestJson.write(Canon.result(r)));
    Object doc = parsed(r.toJson());
    check(sameJson(typed, doc), "typed result differs from its document:\n"
          + TestJson.write(Canon.result(r)) + "\n" + r.toJson());
  }

  /** JSON values equal, numbers by value (BigDecimal 5 == 5.0). */
  @SuppressWarnings("unchecked")
  static boolean sameJson(Object a, Object b) {
    if (a instanceof BigDecimal && b instanceof BigDecimal) {
      return ((BigDecimal) a).compareTo((BigDecimal) b) == 0;
    }
    if (a instanceof Map && b instanceof Map) {
      Map<String, Object> x = (Map<String, Object>) a;
      Map<String, Object> y = (Map<String, Object>) b;
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (String k : x.keySet()) {
        if (!sameJson(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List && b instanceof List) {
      List<Object> x = (List<Object>) a;
      List<Object> y = (List<Object>) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!sameJson(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  // ------------------------------------------------------------- golden
  @SuppressWarnings("unchecked")
  private void golden(Path dir) throws IOException {
    List<Path> cases = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().endsWith(".expected.json"))
          .sorted().forEach(cases::add);
    }
    check(!cases.isEmpty(), "no cases in " + dir);
    for (Path expPath : cases) {
      String file = expPath.getFileName().toString();
      String name = file.substring(0, file.length() - ".expected.json".length());
      test("golden " + name, () -> {
        Map<String, Object> exp = TestJson.parseObject(read(expPath));
        byte[] app = Files.readAllBytes(dir.resolve(name + ".json"));
        Path polPath = dir.resolve(name + ".policy.json");
        Policy policy = Files.exists(polPath)
            ? Policy.fromJson(Files.readAllBytes(polPath)) : null;
        int exit;
        Result r = null;
        CpdException err = null;
        try {
          r = Cpd.check(app, policy, null);
          exit = r.isEligible() ? 0 : 1;
        } catch (InputException e) {
          err = e;
          exit = 2;
        } finally {
          if (policy != null) {
            policy.close();
          }
        }
        eq(BigDecimal.valueOf(exit), exp.get("exit"), "exit");
        if (exp.containsKey("error_code")) {
          check(err != null, "expected an InputException");
          eq(err.code(), exp.get("error_code"), "error code");
          eq(((Map<String, Object>) TestJson.parseObject(err.toJson()).get("error"))
                 .get("code"), exp.get("error_code"), "error document");
          return;
        }
        check(r != null, "no result");
        typedEqualsDocument(r);
        Map<String, Object> doc = TestJson.parseObject(TestJson.write(Canon.result(r)));
        for (String k : new String[] {"decision", "window", "renewal",
                                      "email_subject"}) {
          if (exp.containsKey(k)) {
            check(sameJson(doc.get(k), exp.get(k)), k + ": " + doc.get(k));
          }
        }
        if (exp.containsKey("period")) {
          Map<String, Object> want = (Map<String, Object>) exp.get("period");
          Map<String, Object> got = (Map<String, Object>) doc.get("period");
          for (Map.Entry<String, Object> e : want.entrySet()) {
            eq(got.get(e.getKey()), e.getValue(), "period." + e.getKey());
          }
        }
        if (exp.containsKey("points")) {
          Map<String, Object> want = (Map<String, Object>) exp.get("points");
          Result.Points pts = r.points();
          if (want.containsKey("required")) {
            eq(pts.required(), want.get("required"), "points.required");
          }
          if (want.containsKey("counted")) {
            eq(pts.counted(), want.get("counted"), "points.counted");
          }
          if (want.containsKey("shortfall")) {
            eq(pts.shortfall(), want.get("shortfall"), "points.shortfall");
          }
          Map<String, Object> secs = (Map<String, Object>) want.get("sections");
          if (secs != null) {
            for (Map.Entry<String, Object> e : secs.entrySet()) {
              Result.Section s = r.sections().get(e.getKey());
              check(s != null, "no section " + e.getKey());
              eq(s.counted(), e.getValue(), "section " + e.getKey());
            }
          }
        }
        if (exp.containsKey("activities")) {
          List<Object> got = (List<Object>) doc.get("activities");
          for (Object o : (List<Object>) exp.get("activities")) {
            Map<String, Object> want = (Map<String, Object>) o;
            int index = ((BigDecimal) want.get("index")).intValue();
            Map<String, Object> g = null;
            for (Object a : got) {
              Map<String, Object> am = (Map<String, Object>) a;
              if (((BigDecimal) am.get("index")).intValue() == index) {
                g = am;
              }
            }
            check(g != null, "no activity " + index);
            for (Map.Entry<String, Object> e : want.entrySet()) {
              check(sameJson(g.get(e.getKey()), e.getValue()),
                    "activities[" + index + "]." + e.getKey());
            }
          }
        }
        if (exp.containsKey("codes")) {
          eq(new ArrayList<>(new TreeSet<>(r.codes())), exp.get("codes"),
             "codes");
        }
      });
    }
  }

  // ---------------------------------------------------------------- api
  private void api(Path dir) throws IOException {
    String eligible = read(dir.resolve("eligible-basic.json"));
    String shortfall = read(dir.resolve("shortfall.json"));
    Path examples = dir.resolve("../../examples").normalize();

    test("check returns a typed result", () -> {
      Result r = Cpd.check(eligible);
      eq(r.decision(), Decision.ELIGIBLE, "decision");
      check(r.isEligible(), "isEligible");
      eq(r.points().required(), new BigDecimal("30"), "required");
      eq(r.sections().get("B-1").counted(), new BigDecimal("5"), "B-1");
      eq(r.sections().get("B-1").year(), 1, "B-1 is year 1");
      eq(r.sections().get("A").cap(), null, "A has no cap");
      eq(r.sections().get("A").year(), null, "A is the whole period");
      eq(r.sections().size(), 10, "10 sections");
      eq(r.window().opensOn(), LocalDate.of(2027, 1, 1), "window opens");
      eq(r.window().status(), WindowStatus.OPEN, "window status");
      eq(r.renewal().get().startsOn(), LocalDate.of(2027, 4, 1), "renewal");
      eq(r.activities().get(3).status(), ActivityStatus.PARTIALLY_COUNTED,
         "activity 3");
      Result.Diagnostic d = r.diagnostics().get(0);
      eq(d.severity(), Severity.INFO, "severity");
      eq(d.rule(), "R6", "rule");
      eq(d.activity(), 3, "activity of the diagnostic");
      eq(r.policy().name(), "JCCEA CPD 2019-01", "policy");
      check(r.toJson().startsWith("{\"decision\":\"eligible\""), "toJson");
      eq(Cpd.check(eligible), r, "equal results");
      typedEqualsDocument(r);
      eq(Decision.ELIGIBLE.wireName(), "eligible", "wire name");
      eq(Decision.fromWireName("ineligible"), Decision.INELIGIBLE, "from wire");
      eq(ActivityStatus.PARTIALLY_COUNTED.toString(), "partially_counted", "toString");
    });
    test("fee status, its words and yen come from the library", () -> {
      FeeStatus[] all = FeeStatus.values();
      eq(all.length, 6, "six statuses");
      for (int i = 0; i < all.length; i++) {
        eq(all[i].wireName(), CpdNative.fee_status_str(NativeFeeStatus.swigToEnum(i)),
           "wire name " + i);
        eq(FeeStatus.fromWireName(all[i].wireName()), all[i], "parse " + all[i]);
        Label l = all[i].label();
        eq(l.name(), all[i].wireName(), "label name " + i);
        check(!l.label().isEmpty() && !l.labelJa().isEmpty() && !l.note().isEmpty()
              && !l.noteJa().isEmpty(), "label words " + i);
      }
      eq(FeeStatus.AMOUNT_DIFFERS.toString(), "amount_differs", "toString");
      eq(FeeStatus.AMOUNT_DIFFERS.label().labelJa(), "金額相違", "金額相違");
      for (String bad : new String[] {"Paid", "", "unknown", "paid "}) {
        try {
          FeeStatus.fromWireName(bad);
          throw new AssertionError("parsed " + bad);
        } catch (IllegalArgumentException expected) {
          check(expected.getMessage().contains("not a FeeStatus"), bad);
        }
      }
      eq(Cpd.formatYen(10000), "10,000", "10,000");
      eq(Cpd.formatYen(-1500), "-1,500", "-1,500");
      eq(Cpd.formatYen(0), "0", "0");
      eq(Cpd.formatYen(Long.MIN_VALUE), "-9,223,372,036,854,775,808", "min");
      eq(Cpd.formatYen(Long.MAX_VALUE), "9,223,372,036,854,775,807", "max");
    });

    test("points are exact BigDecimal as the documents write them", () -> {
      Result r = Cpd.check(Files.readAllBytes(examples.resolve("eligible.json")),
                           null, null);
      eq(r.points().counted().toPlainString(), "31.5", "31.5");
      eq(r.points().required().toPlainString(), "30", "30, not 30.00");
      eq(r.sections().get("C-2").counted().toPlainString(), "2.5", "2.5");
      for (long h : new long[] {0, 1, 10, 25, 100, 150, 3150, 99999999, -300, 123456789012L}) {
        eq(Values.points(h).toPlainString(), CpdNative.points_format(h),
           "points_format(" + h + ")");
      }
    });

    test("a path is read as a file", () -> {
      Result r = Cpd.check(examples.resolve("eligible.json"), null, null);
      eq(r.decision(), Decision.ELIGIBLE, "decision");
    });

    test("input error: InputException with code, path, offset", () -> {
      try {
        Cpd.check("{\"applied_on\": \"2027-02-10\", \"applied_on\": \"x\"}");
        throw new AssertionError("no exception");
      } catch (InputException e) {
        eq(e.code(), "input.duplicate_key", "code");
        eq(e.path(), "/applied_on", "path");
        eq(e.status(), Status.EINPUT, "status");
        eq(e.status().code(), -2, "the C value");
        check(!e.messageJa().isEmpty(), "Japanese message");
        check(e.getMessage().startsWith("input.duplicate_key at /applied_on"),
              "getMessage " + e.getMessage());
        Map<String, Object> doc = TestJson.parseObject(e.toJson());
        check(doc.containsKey("error"), "error document");
      }
      // the document is the library's (cpd_error_to_json): C1 and bidi
      // controls escaped as every document of the library escapes them
      CpdException made = new CpdException(Status.EINPUT, "input.syntax",
          "/a\u2066", 3, "x\u0085y\u202e\"", "日本");
      eq(made.toJson(), "{\"error\":{\"code\":\"input.syntax\",\"path\":"
          + "\"/a\\u2066\",\"offset\":3,\"message\":\"x\\u0085y\\u202e"
          + "\\\"\",\"message_ja\":\"日本\"}}", "error document escapes");
    });

    test("syntax error carries the byte offset", () -> {
      try {
        Cpd.check("{\"applied_on\": ");
        throw new AssertionError("no exception");
      } catch (InputException e) {
        eq(e.code(), "input.syntax", "code");
        check(e.offset() >= 0, "offset " + e.offset());
      }
    });

    test("messages never echo personal data", () -> {
      String secret = "極秘太郎 secret@example.jp";
      try {
        Cpd.check("{\"applied_on\": \"" + secret + "\", "
                  + "\"certification\": {\"expires_on\": \"2027-03-31\"}}");
        throw new AssertionError("no exception");
      } catch (InputException e) {
        check(!e.getMessage().contains("極秘") && !e.messageJa().contains("極秘")
              && !e.getMessage().contains("secret"), "echoed: " + e);
      }
    });

    test("characters outside the BMP cross intact", () -> {
      // U+20BB7 (𠮷) in an activity id: echoed in the result as given.
      String doc = eligible.replace("\"id\": \"a1\"", "\"id\": \"\uD842\uDFB7-1\uD83D\uDE00\"");
      check(!doc.equals(eligible), "replaced");
      Result r = Cpd.check(doc);
      eq(r.activities().get(0).id(), "\uD842\uDFB7-1\uD83D\uDE00", "id");
      typedEqualsDocument(r);
    });

    test("policy: defaults, fromJson, toJson, name, versions, close", () -> {
      try (Policy p = Policy.defaults()) {
        Map<String, Object> doc = TestJson.parseObject(p.toJson());
        eq(doc.get("required_points"), new BigDecimal("30"), "required_points");
        eq(Cpd.check(eligible, p).decision(), Decision.ELIGIBLE, "check");
        eq(p.name(), "JCCEA CPD 2019-01", "name");
        eq(p.versions(), List.of(new PolicyVersion("JCCEA CPD 2019-01",
                                                   LocalDate.of(2019, 1, 1))),
           "one version");
      }
      try (Policy p = Policy.fromJson("{\"required_points\": 40}")) {
        Result r = Cpd.check(eligible, p);
        eq(r.points().required(), new BigDecimal("40"), "required 40");
        eq(r.decision(), Decision.INELIGIBLE, "decision");
      }
      Policy p = Policy.defaults();
      Cpd.check(eligible, p); // a thread-local checker under it
      p.close();
      p.close(); // idempotent
      try {
        Cpd.check(eligible, p);
        throw new AssertionError("used after close");
      } catch (IllegalStateException expected) {
        // ok
      }
    });

    test("dated versions: versions(), and check on both sides", () -> {
      String versions = "{\"versions\": ["
          + "{\"name\": \"CPD 2019\", \"effective_from\": \"2019-01-01\"},"
          + "{\"name\": \"CPD 2027\", \"effective_from\": \"2027-02-01\","
          + " \"sections\": [{\"category\": \"B\", \"cap\": 6}]},"
          + "{\"effective_from\": \"2030-04-01\"}]}";
      try (Policy p = Policy.fromJson(versions)) {
        eq(p.versions(), List.of(
            new PolicyVersion("CPD 2019", LocalDate.of(2019, 1, 1)),
            new PolicyVersion("CPD 2027", LocalDate.of(2027, 2, 1)),
            new PolicyVersion("from 2030-04-01", LocalDate.of(2030, 4, 1))),
            "versions");
        eq(p.name(), "from 2030-04-01", "name: the newest");
        eq(Cpd.check(eligible, p).policy().name(), "CPD 2027", "in force");
        eq(Cpd.check(eligible, p, LocalDate.of(2027, 1, 20)).policy().name(),
           "CPD 2019", "as of January");
      }
    });

    test("versions(): cpd.h's accessors, as the probe found them", () -> {
      String two = "{\"versions\": ["
          + "{\"name\": \"CPD 2019\", \"effective_from\": \"2019-01-01\"},"
          + "{\"name\": \"CPD 2027\", \"effective_from\": \"2027-02-01\","
          + " \"sections\": [{\"category\": \"B\", \"cap\": 6}]}]}";
      try (Policy d = Policy.defaults();
           Policy p = Policy.fromJson(two);
           Policy u = Policy.fromJson("{\"name\": \"plain\","
                                      + " \"effective_from\": \"2024-04-01\"}")) {
        eq(p.versions(), List.of(
            new PolicyVersion("CPD 2019", LocalDate.of(2019, 1, 1)),
            new PolicyVersion("CPD 2027", LocalDate.of(2027, 2, 1))),
           "two versions");
        eq(d.versions(), List.of(new PolicyVersion("JCCEA CPD 2019-01",
                                                   LocalDate.of(2019, 1, 1))),
           "the default");
        eq(u.versions(), List.of(new PolicyVersion("plain",
                                                   LocalDate.of(2024, 4, 1))),
           "unversioned");
        for (Policy q : List.of(d, p, u)) {
          eq(q.versions(), probedVersions(q), "as the n+1 evaluations found");
        }
        eq(CpdNative.policy_version_count(null), 1L, "NULL: the default");
        int[] from = new int[1];
        eq(CpdNative.policy_version_at(null, 0, from), "JCCEA CPD 2019-01",
           "NULL's name");
        try {
          CpdNative.policy_version_at(p.handle(), 2, from);
          throw new AssertionError("index 2 of 2 accepted");
        } catch (CpdException e) {
          eq(e.status(), Status.EINVAL, "out of range");
        }
      }
      Policy closed = Policy.fromJson(two);
      closed.close();
      try {
        closed.versions();
        throw new AssertionError("read after close");
      } catch (IllegalStateException expected) {
        // ok
      }
    });

    test("policy error: PolicyException policy.invalid with a path", () -> {
      try {
        Policy.fromJson("{\"period_years\": 0}").close();
        throw new AssertionError("accepted");
      } catch (PolicyException e) {
        eq(e.code(), "policy.invalid", "code");
        eq(e.path(), "/period_years", "path");
        eq(e.status(), Status.EPOLICY, "status");
      }
      try {
        Policy.fromJson("{").close();
        throw new AssertionError("accepted");
      } catch (InputException e) {
        eq(e.code(), "input.syntax", "not JSON");
      }
    });

    test("asOf replaces applied_on", () -> {
      Result r = Cpd.check(eligible, null, LocalDate.of(2026, 12, 1));
      eq(r.appliedOn(), LocalDate.of(2026, 12, 1), "appliedOn");
      eq(r.window().status(), WindowStatus.NOT_YET_OPEN, "window");
    });

    test("dates: parseDate, fiscalYear, window", () -> {
      eq(Cpd.parseDate("令和6年4月1日"), LocalDate.of(2024, 4, 1), "reiwa");
      eq(Cpd.parseDate("R6.4.1"), LocalDate.of(2024, 4, 1), "R6.4.1");
      eq(Cpd.parseDate("２０２４−０４−０１".replace('−', '-')),
         LocalDate.of(2024, 4, 1), "full-width");
      eq(Cpd.parseDate("1969-12-31"), LocalDate.of(1969, 12, 31), "negative day");
      try {
        Cpd.parseDate("2023-02-29");
        throw new AssertionError("accepted 2023-02-29");
      } catch (IllegalArgumentException expected) {
        // ok
      }
      eq(Cpd.fiscalYear(LocalDate.of(2025, 3, 31), null), 2024, "FY");
      eq(Cpd.fiscalYear(LocalDate.of(2025, 4, 1), null), 2025, "FY");
      eq(Cpd.window(LocalDate.of(2027, 3, 31), null),
         new Cpd.WindowDates(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 31)),
         "window");
      eq(Cpd.window(LocalDate.of(2024, 2, 29), null),
         new Cpd.WindowDates(LocalDate.of(2023, 12, 1), LocalDate.of(2024, 2, 29)),
         "window of a leap day");
    });

    test("checker: reused, closed, results outlive the call", () -> {
      Checker c = new Checker();
      try {
        Result a = c.check(eligible);
        Result b = c.check(shortfall);
        eq(a.decision(), Decision.ELIGIBLE, "first");
        eq(b.decision(), Decision.INELIGIBLE, "second");
        eq(a, Cpd.check(eligible), "same as Cpd.check");
        try {
          c.check("{");
          throw new AssertionError("no exception");
        } catch (InputException e) {
          eq(e.code(), "input.syntax", "error");
        }
        eq(c.check(eligible), a, "usable after an error");
        c.close();
        try {
          c.check(eligible);
          throw new AssertionError("used after close");
        } catch (IllegalStateException expected) {
          // ok
        }
      } finally {
        c.close();
      }
    });

    test("checkMany and batch: the checker and cpd_lines", () -> {
      List<Checker.Outcome> got;
      try (Stream<Checker.Outcome> s = Cpd.checkMany(
          List.of(eligible, "{", shortfall), null, null)) {
        got = s.collect(Collectors.toList());
      }
      eq(got.size(), 3, "three");
      eq(got.get(0).result().decision(), Decision.ELIGIBLE, "1");
      eq(got.get(1).error().code(), "input.syntax", "2");
      eq(got.get(1).error().line(), 2L, "line of the error");
      eq(got.get(2).result().decision(), Decision.INELIGIBLE, "3");
      String one = eligible.replace('\n', ' ');
      String data = one + "\r\n\n" + "   \t\n" + "{\"applied_on\": 1\n"
          + shortfall.replace('\n', ' ');  // no final newline
      try (Stream<Checker.Outcome> s = Cpd.batch(
          new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), null, null)) {
        got = s.collect(Collectors.toList());
      }
      eq(got.stream().map(Checker.Outcome::line).collect(Collectors.toList()),
         List.of(1L, 4L, 5L), "lines (blank ones counted)");
      eq(got.get(0).result(), Cpd.check(eligible), "line 1");
      eq(got.get(1).error().code(), "input.syntax", "line 4");
      eq(got.get(1).error().line(), 4L, "line 4's error");
      eq(got.get(2).result().decision(), Decision.INELIGIBLE, "line 5");
      try (Stream<Checker.Outcome> s = Cpd.batch(examples.resolve("batch.ndjson"),
                                                 null, null)) {
        eq(s.map(o -> o.isResult() ? o.result().decision().wireName()
                                   : o.error().code())
               .collect(Collectors.toList()),
           List.of("eligible", "incomplete", "ineligible", "input.syntax"),
           "examples/batch.ndjson");
      }
      // a line over the document limit is reported without being kept
      try (Checker c = new Checker(null, null, new Limits(200, 0, 0));
           Stream<Checker.Outcome> s = c.batch(new ByteArrayInputStream(
               (one + "\n{}\n").getBytes(StandardCharsets.UTF_8)))) {
        got = s.collect(Collectors.toList());
      }
      eq(got.get(0).error().code(), "input.too_large", "too long");
      eq(got.get(1).error().code(), "input.missing_field", "next line read");
      // many chunks
      StringBuilder big = new StringBuilder();
      for (int i = 0; i < 40; i++) {
        big.append(one).append('\n');
      }
      check(big.length() > Checker.CHUNK, "more than one chunk");
      try (Stream<Checker.Outcome> s = Cpd.batch(new ByteArrayInputStream(
          big.toString().getBytes(StandardCharsets.UTF_8)), null, null)) {
        eq(s.filter(Checker.Outcome::isResult).count(), 40L, "40 results");
      }
    });

    test("limits", () -> {
      try (Checker c = new Checker(null, null, new Limits(0, 3, 0))) {
        c.check(eligible);
        throw new AssertionError("accepted");
      } catch (InputException e) {
        eq(e.code(), "input.too_large", "max activities");
      }
      try {
        new Limits(-1, 0, 0);
        throw new AssertionError("accepted");
      } catch (IllegalArgumentException expected) {
        // ok
      }
    });

    test("limits: the constants are the library's defaults", () -> {
      eq(Limits.DEFAULT_MAX_DOCUMENT_BYTES, 4L << 20, "4 MiB");
      eq(Limits.DEFAULT_MAX_ACTIVITIES, 10000L, "activities");
      eq(Limits.DEFAULT_MAX_STRING_BYTES, 4096L, "string bytes");
      // a document one byte over the default size is refused; at it, read
      byte[] doc = new byte[Math.toIntExact(Limits.DEFAULT_MAX_DOCUMENT_BYTES)];
      Arrays.fill(doc, (byte) ' ');
      doc[0] = '{';
      doc[doc.length - 1] = '}';
      eq(inputError(doc, null), "input.missing_field", "at the size");
      byte[] over = Arrays.copyOf(doc, doc.length + 1);
      over[doc.length - 1] = ' ';
      over[doc.length] = '}';
      eq(inputError(over, null), "input.too_large", "one byte over");
      eq(inputError(over, new Limits(over.length, 0, 0)), "input.missing_field",
         "over, with a limit of its size");
      // activities and one string likewise
      String head = "{\"applied_on\": \"2027-02-01\","
          + " \"certification\": {\"expires_on\": \"2027-03-31\"}, ";
      String many = head + "\"activities\": ["
          + "{},".repeat(Math.toIntExact(Limits.DEFAULT_MAX_ACTIVITIES)) + "{}]}";
      eq(inputError(many.getBytes(StandardCharsets.UTF_8), null),
         "input.too_large", "one activity over");
      eq(inputError(many.replaceFirst("\\{\\},", "").getBytes(StandardCharsets.UTF_8),
                    null), null, "activities at the limit");
      String text = "x".repeat(Math.toIntExact(Limits.DEFAULT_MAX_STRING_BYTES));
      eq(Cpd.check(head + "\"note\": \"" + text + "\"}").decision(),
         Decision.INELIGIBLE, "a string at the limit");
      eq(inputError((head + "\"note\": \"" + text + "x\"}")
                        .getBytes(StandardCharsets.UTF_8), null),
         "input.too_large", "one byte over in a string");
      // a policy: its own size limit whatever the limits, and its versions
      eq(Limits.POLICY_MAX_BYTES, 1L << 20, "1 MiB");
      eq(Limits.POLICY_MAX_LIST, 5000L, "list");
      byte[] pol = new byte[Math.toIntExact(Limits.POLICY_MAX_BYTES) + 1];
      Arrays.fill(pol, (byte) ' ');
      pol[0] = '{';
      pol[pol.length - 1] = '}';
      try {
        Policy.fromJson(pol, new Limits(2 * Limits.POLICY_MAX_BYTES, 0, 0)).close();
        throw new AssertionError("a policy over 1 MiB accepted");
      } catch (InputException e) {
        eq(e.code(), "input.too_large", "policy one byte over");
      }
      byte[] polAt = Arrays.copyOf(pol, pol.length - 1);
      polAt[polAt.length - 1] = '}';
      try (Policy p = Policy.fromJson(polAt)) {
        eq(p.name(), "JCCEA CPD 2019-01", "a policy of 1 MiB: the default");
      }
      eq(Limits.POLICY_MAX_VERSIONS, 64L, "versions");
      try (Policy p = Policy.fromJson(datedVersions(64))) {
        eq(p.versions().size(), 64, "64 versions");
        eq(p.versions().get(63), new PolicyVersion("v63", LocalDate.of(2063, 1, 1)),
           "the newest");
      }
      try {
        Policy.fromJson(datedVersions(65)).close();
        throw new AssertionError("65 versions accepted");
      } catch (PolicyException e) {
        eq(e.code(), "policy.invalid", "65 versions");
        eq(e.path(), "/versions", "65 versions: where");
      }
    });

    test("plan: typed, as the plan document", () -> {
      String inProgress = shortfall
          .replaceAll("\"applied_on\"\\s*:\\s*\"[^\"]*\",", "");
      Plan p = Cpd.plan(inProgress, LocalDate.of(2026, 11, 28), null);
      eq(p.points().needed(), new BigDecimal("8"), "needed");
      check(p.reachable(), "reachable");
      eq(p.sections().get("B-3").room(), new BigDecimal("5"), "B-3 room");
      eq(p.sections().get("A").room(), null, "A unlimited");
      eq(p.points().reachableMax(), null, "reachable_max unlimited");
      eq(p.window().daysUntilOpens(), 34, "days until opens");
      eq(p.window().status(), WindowStatus.NOT_YET_OPEN, "status");
      check(p.advice().startsWith("8 more points"), "advice " + p.advice());
      check(sameJson(parsed(TestJson.write(Canon.plan(p))), parsed(p.toJson())),
            "typed plan equals its document:\n" + TestJson.write(Canon.plan(p))
            + "\n" + p.toJson());
      try {
        Cpd.plan("{", LocalDate.of(2026, 11, 28), null);
        throw new AssertionError("accepted");
      } catch (InputException e) {
        eq(e.code(), "input.syntax", "plan input error");
      }
    });

    test("audit: selection, same seed same holders, errors", () -> {
      List<String> roster = List.of(
          "{\"number\": \"OMP-000101\", \"qualification\": \"OMP\"}",
          "{\"number\": \"OMP-000102\", \"qualification\": \"OMP\"}",
          "",
          "{\"number\": \"CAP-000201\", \"qualification\": \"CAP\"}",
          "{\"number\": \"ＯＭＰ－０００１０１\"}",
          "{\"number\": \"CAP-000202\"}");
      Audit.Options o = new Audit.Options().rate("20%").seed(6)
          .include("CAP-000202").collectErrors(true);
      Audit.Selection s = Cpd.audit(roster, o);
      eq(s.entries().size(), 4, "four holders");
      eq(s.errors().size(), 1, "one duplicate");
      eq(s.errors().get(0).code(), "audit.duplicate_number", "duplicate");
      eq(s.errors().get(0).line(), 5L, "its line");
      eq(s.entries().get(2).line(), 4L, "blank line counted");
      eq(s.entries().get(3).reason(), "included", "included");
      eq(s.entries().get(3).qualification(), null, "no qualification");
      for (Audit.Entry e : s.entries()) {
        eq(e.hash(), Cpd.auditHash(e.number(), 6), "hash of " + e.number());
        boolean sampled = Long.remainderUnsigned(e.hash(), 1_000_000) < 200_000;
        check(e.selected() == (sampled || e.reason().equals("included")),
              "selected " + e);
      }
      try {
        Cpd.audit(roster, new Audit.Options().rate("0.2").seed(6));
        throw new AssertionError("no exception");
      } catch (InputException e) {
        eq(e.line(), 5L, "raised with its line");
      }
      Path tmp = Files.createTempFile("cpd-roster", ".ndjson");
      try {
        Files.writeString(tmp, String.join("\n", roster));
        Audit.Selection f = Cpd.auditFile(tmp, o);
        eq(f.entries(), s.entries(), "auditFile: the same");
      } finally {
        Files.delete(tmp);
      }
      // read by the library as `cpd audit --rate` reads it
      for (String bad : new String[] {"0.0000001", " 0.05", "5e-2", "+0.05", ".5", "５%"}) {
        try {
          new Audit.Options().rate(bad);
          throw new AssertionError("accepted " + bad);
        } catch (IllegalArgumentException expected) {
          check(expected.getMessage().contains("0 to 1"), expected.getMessage());
        }
      }
      new Audit.Options().rate("0.0001%").rate("100%").rate("0.0500000");
      eq(Cpd.auditHash("OMP-1", -1L), Cpd.auditHash("ＯＭＰ－１", -1L),
         "normalised, unsigned seed");
    });

    test("redact", () -> {
      String red = Cpd.redact(eligible);
      check(!red.contains("山田"), "name masked");
      eq(Cpd.check(red).points(), Cpd.check(eligible).points(), "same points");
      try {
        Cpd.redact("{\"a\": 1, \"a\": 2}");
        throw new AssertionError("accepted");
      } catch (InputException e) {
        eq(e.code(), "input.duplicate_key", "error");
      }
    });

    test("catalogue: explain, codes, rules, fields, normalizeText", () -> {
      Catalogue.Explanation e = Cpd.explain("section.capped");
      eq(e.code().severity(), Severity.INFO, "severity");
      eq(e.code().rule(), "R6", "rule");
      eq(e.code().kind(), Catalogue.CodeKind.DIAGNOSTIC, "kind");
      eq(e.rule().id(), "R6", "rule info");
      Map<String, Object> doc = TestJson.parseObject(e.toJson());
      @SuppressWarnings("unchecked")
      Map<String, Object> code = (Map<String, Object>) doc.get("code");
      eq(code.get("summary"), e.code().summary(), "summary as explain_json");
      eq(Cpd.explain("r6").code(), null, "a rule");
      eq(Cpd.explain("input.syntax").code().severity(), null, "an input error");
      try {
        Cpd.explain("no.such_code");
        throw new AssertionError("accepted");
      } catch (IllegalArgumentException expected) {
        // ok
      }
      eq(Cpd.rules().size(), 16, "R1-R16");
      check(Cpd.codes().size() > 30, "codes");
      Catalogue.FieldInfo name = Cpd.fields().stream()
          .filter(f -> f.pointer().equals("/applicant/name")).findFirst().get();
      check(name.personal(), "name is personal");
      eq(name.redaction(), Catalogue.Redaction.INITIALS, "initials");
      eq(Cpd.normalizeText("　ＡＢＣ  １２３　"), "ABC 123", "NFKC");
    });

    test("threads share a policy", () -> {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try (Policy p = Policy.defaults()) {
        Result want = Cpd.check(eligible, p);
        List<Future<Result>> fs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          String app = i % 2 == 0 ? eligible : shortfall;
          fs.add(pool.submit(() -> Cpd.check(app, p)));
        }
        for (int i = 0; i < fs.size(); i += 2) {
          eq(fs.get(i).get(), want, "same result");
        }
      } finally {
        pool.shutdown();
      }
    });

    test("version", () -> eq(Cpd.version(), CpdNativeConstants.VERSION_STRING, "version"));

    test("raw module: evaluate_json and typed accessors", () -> {
      NativeResult r = CpdNative.evaluate_json(
          null, eligible.getBytes(StandardCharsets.UTF_8), null);
      try {
        eq(CpdNative.result_summary(r).getCounted(), 3400L, "counted");
        eq(CpdNative.result_section_count(r), 10L, "sections");
        int[] s = new int[1], e = new int[1];
        CpdNative.result_period_year(r, 1, s, e);
        eq(Values.date(s[0]), LocalDate.of(2024, 4, 1), "year 1 starts");
        try {
          CpdNative.result_period_year(r, 9, s, e);
          throw new AssertionError("year 9 accepted");
        } catch (CpdException ex) {
          eq(ex.status(), Status.EINVAL, "EINVAL");
        }
      } finally {
        r.delete();
      }
    });
  }

  // --------------------------------------------------------------- leak
  private static long rssKib() throws IOException {
    String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split(" ");
    return Long.parseLong(f[1]) * 4;
  }

  private void leak(long n, Path dir) throws IOException {
    byte[] good = Files.readAllBytes(dir.resolve("eligible-basic.json"));
    byte[] bad = Files.readAllBytes(dir.resolve("input-error-duplicate-key.json"));
    String text = new String(good, StandardCharsets.UTF_8);
    test("leak: " + n + " calls, resident memory flat", () -> {
      long warm = Math.max(n / 10, 1);
      long start = 0;
      long t0 = System.nanoTime();
      List<Long> samples = new ArrayList<>();
      for (long i = 0; i < n; i++) {
        if (i == warm) {
          System.gc();
          start = rssKib();
        }
        if (i % 10 == 9) {
          try {
            Cpd.check(bad, null, null);
            throw new AssertionError("no InputException");
          } catch (InputException e) {
            check(e.code().equals("input.duplicate_key"), "code");
          }
        } else if (i % 100 == 0) {
          Result r = Cpd.check(text, null, LocalDate.of(2027, 2, 1));
          check(r.diagnostics().size() >= 0 && r.toJson().length() > 0, "read");
        } else {
          check(Cpd.check(good, null, null).isEligible(), "eligible");
        }
        if (i % 1000 == 0) {
          try (Policy p = Policy.fromJson("{\"required_points\": 30}")) {
            p.toJson();
            Cpd.check(good, p, null);
          }
          Cpd.plan(good, LocalDate.of(2027, 1, 10), null);
        }
        if (i > warm && i % (n / 10) == 0) {
          samples.add(rssKib());
        }
      }
      System.gc();
      long end = rssKib();
      double took = (System.nanoTime() - t0) / 1e9;
      double growth = (end - start) * 100.0 / start;
      System.out.printf("leak: %d calls in %.1f s (%.1f us/call)%n", n, took,
                        took / n * 1e6);
      System.out.printf("leak: resident %d KiB after %d calls, %d KiB at the end "
                        + "(%+.2f%%); samples %s%n", start, warm, end, growth, samples);
      check(end <= start * 1.05, "resident memory grew by " + growth + "%");
    });
  }

  // -------------------------------------------------------------- bench
  /** Every typed field of a result, folded into a number. */
  static long readAll(Result r) {
    long h = r.decision().ordinal() + r.appliedOn().toEpochDay()
        + (r.qualification() == null ? 0 : r.qualification().length())
        + r.window().opensOn().toEpochDay() + r.window().status().ordinal()
        + r.points().counted().scale() + r.points().required().scale()
        + r.points().shortfall().scale() + r.emailSubject().length()
        + r.policy().name().length();
    for (Result.PeriodYear y : r.period().years()) {
      h += y.year() + y.startsOn().toEpochDay() + y.endsOn().toEpochDay();
    }
    for (Result.Section s : r.points().sections()) {
      h += s.section().length() + s.claimed().scale() + s.counted().scale()
          + (s.cap() == null ? 0 : s.cap().scale()) + s.entries();
    }
    for (Result.Activity a : r.activities()) {
      h += a.index() + (a.id() == null ? 0 : a.id().length())
          + (a.section() == null ? 0 : a.section().length())
          + a.claimed().scale() + a.counted().scale() + a.status().ordinal();
    }
    for (Result.Diagnostic d : r.diagnostics()) {
      h += d.code().length() + d.path().length() + d.message().length()
          + d.messageJa().length() + d.rule().length() + d.severity().ordinal();
    }
    return h;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** bench FILE N ROUNDS: Cpd.check, and Cpd.check with every field read. */
  private static void bench(Path file, int n, int rounds) throws Exception {
    byte[] app = Files.readAllBytes(file);
    long sink = 0;
    NativeChecker raw = CpdNative.checker_new(null, null);
    for (String variant : new String[] {"raw", "check", "check+read"}) {
      double bestWall = Double.MAX_VALUE;
      double bestCpu = Double.MAX_VALUE;
      for (int round = -2; round < rounds; round++) { // two warm-up rounds
        long w0 = System.nanoTime();
        long c0 = cpuNanos();
        for (int k = 0; k < n; k++) {
          if (variant.equals("raw")) { // the C call through JNI, document copied
            sink += CpdNative.checker_check(raw, app).length;
            continue;
          }
          Result r = Cpd.check(app, null, null);
          sink += variant.equals("check") ? r.decision().ordinal() : readAll(r);
        }
        if (round >= 0) {
          bestWall = Math.min(bestWall, (System.nanoTime() - w0) / 1e3 / n);
          bestCpu = Math.min(bestCpu, (cpuNanos() - c0) / 1e3 / n);
        }
      }
      System.out.printf("java: %s %.2f us/call (cpu %.2f us/call, %d calls x %d rounds)%n",
                        variant, bestWall, bestCpu, n, rounds);
    }
    raw.delete();
    if (sink == 42) {
      System.out.println();
    }
  }

  // -------------------------------------------------------------- canon
  private void canon(Path policyFile, Path in, Path out) throws Exception {
    Policy policy = policyFile == null ? null : Policy.fromFile(policyFile);
    Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".canon", ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
         Stream<Checker.Outcome> s = Cpd.batch(in, policy, null)) {
      for (Checker.Outcome o : (Iterable<Checker.Outcome>) s::iterator) {
        Map<String, Object> doc = o.isResult() ? Canon.result(o.result())
                                               : Canon.error(o.error());
        w.write(o.line() + "\t" + TestJson.write(doc) + "\n");
        passed++;
      }
    } catch (Exception e) {
      Files.deleteIfExists(tmp);
      throw e;
    } finally {
      if (policy != null) {
        policy.close();
      }
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING,
               StandardCopyOption.ATOMIC_MOVE);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: CpdTest golden|api CASE_DIR... | leak N CASE_DIR"
                         + " | canon [--policy P] IN OUT");
      System.exit(3);
    }
    CpdTest t = new CpdTest();
    switch (args[0]) {
      case "golden":
        for (int i = 1; i < args.length; i++) {
          t.golden(Path.of(args[i]));
        }
        break;
      case "api":
        t.api(Path.of(args[1]));
        break;
      case "leak":
        t.leak(Long.parseLong(args[1]), Path.of(args[2]));
        break;
      case "bench":
        bench(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        return;
      case "canon":
        if (args[1].equals("--policy")) {
          t.canon(Path.of(args[2]), Path.of(args[3]), Path.of(args[4]));
        } else {
          t.canon(null, Path.of(args[1]), Path.of(args[2]));
        }
        break;
      default:
        System.err.println("unknown mode " + args[0]);
        System.exit(3);
    }
    System.out.println(t.passed + " passed, " + t.failed + " failed");
    System.exit(t.failed == 0 && t.passed > 0 ? 0 : 1);
  }
}
