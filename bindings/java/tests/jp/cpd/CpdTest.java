/*
 * CpdTest.java - tests of the Java binding (no JUnit on the machine: a
 * small runner).  In package jp.cpd to reuse the package-private Json.
 *
 *   java -Djp.cpd.library=.../libcpdjni.so -cp cpd.jar:cpd_java_tests.jar \
 *        jp.cpd.CpdTest golden|api CASE_DIR...
 *
 * golden: every NAME.json + NAME.expected.json (tests/run-cases documents
 *         the semantics) through Cpd.check, with the same outcome as the
 *         C API and the CLI;
 * api:    the rest of the surface: errors, policies, dates, threads,
 *         characters outside the BMP, close().
 * Ends with "N passed, M failed"; exit status 1 if any failed.
 */
package jp.cpd;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
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
        Map<String, Object> exp = Json.parseObject(read(expPath));
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
          // The error document is the CLI's.
          eq(((Map<String, Object>) Json.parseObject(err.toJson()).get("error"))
                 .get("code"), exp.get("error_code"), "error document");
          return;
        }
        check(r != null, "no result");
        Map<String, Object> doc = r.toMap();
        for (String k : new String[] {"decision", "window", "renewal",
                                      "email_subject"}) {
          if (exp.containsKey(k)) {
            eq(doc.get(k), exp.get(k), k);
          }
        }
        eq(r.decision().wireName(), doc.get("decision"), "decision()");
        if (exp.containsKey("period")) {
          Map<String, Object> want = (Map<String, Object>) exp.get("period");
          Map<String, Object> got = (Map<String, Object>) doc.get("period");
          for (Map.Entry<String, Object> e : want.entrySet()) {
            eq(got.get(e.getKey()), e.getValue(), "period." + e.getKey());
          }
          eq(r.period().startsOn().toString(), got.get("starts_on"),
             "period().startsOn()");
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
              eq(g.get(e.getKey()), e.getValue(),
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

    test("check returns a typed result", () -> {
      Result r = Cpd.check(eligible);
      eq(r.decision(), Result.Decision.ELIGIBLE, "decision");
      check(r.isEligible(), "isEligible");
      eq(r.points().required(), new BigDecimal("30"), "required");
      eq(r.sections().get("B-1").counted(), new BigDecimal("5"), "B-1");
      eq(r.sections().get("A").cap(), null, "A has no cap");
      eq(r.sections().size(), 10, "10 sections");
      eq(r.window().opensOn(), LocalDate.of(2027, 1, 1), "window opens");
      eq(r.renewal().get().startsOn(), LocalDate.of(2027, 4, 1), "renewal");
      eq(r.activities().get(3).status(), "partially_counted", "activity 3");
      check(r.toJson().startsWith("{\"decision\":\"eligible\""), "toJson");
      eq(Cpd.check(eligible), r, "equal results");
    });

    test("input error: InputException with code, path, offset", () -> {
      try {
        Cpd.check("{\"applied_on\": \"2027-02-10\", \"applied_on\": \"x\"}");
        throw new AssertionError("no exception");
      } catch (InputException e) {
        eq(e.code(), "input.duplicate_key", "code");
        eq(e.path(), "/applied_on", "path");
        eq(e.status(), CpdException.EINPUT, "status");
        check(!e.messageJa().isEmpty(), "Japanese message");
        check(e.getMessage().startsWith("input.duplicate_key at /applied_on"),
              "getMessage " + e.getMessage());
      }
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

    test("missing applied_on is input.missing_field", () -> {
      try {
        Cpd.check("{\"certification\": {\"expires_on\": \"2027-03-31\"}}");
        throw new AssertionError("no exception");
      } catch (InputException e) {
        eq(e.code(), "input.missing_field", "code");
        eq(e.path(), "/applied_on", "path");
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
      // U+20BB7 (𠮷) and an emoji in the name: still valid UTF-8 in C.
      String doc = eligible.replace("山田 太郎", "\uD842\uDFB7田 太郎\uD83D\uDE00");
      check(!doc.equals(eligible), "replaced");
      Result r = Cpd.check(doc);
      eq(r.decision(), Result.Decision.ELIGIBLE, "decision");
    });

    test("policy: defaults, fromJson, toJson, close", () -> {
      try (Policy p = Policy.defaults()) {
        Map<String, Object> doc = Json.parseObject(p.toJson());
        eq(doc.get("required_points"), new BigDecimal("30"), "required_points");
        eq(Cpd.check(eligible, p).decision(), Result.Decision.ELIGIBLE, "check");
      }
      try (Policy p = Policy.fromJson("{\"required_points\": 40}")) {
        Result r = Cpd.check(eligible, p);
        eq(r.points().required(), new BigDecimal("40"), "required 40");
        eq(r.decision(), Result.Decision.INELIGIBLE, "decision");
      }
      Policy p = Policy.defaults();
      p.close();
      p.close(); // idempotent
      try {
        Cpd.check(eligible, p);
        throw new AssertionError("used after close");
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
        eq(e.status(), CpdException.EPOLICY, "status");
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
      eq(r.window().status(), "not_yet_open", "window");
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

    test("window follows the policy version in force on the expiry day", () -> {
      String versions = "{\"versions\": ["
          + "{\"name\": \"v1\", \"effective_from\": \"2019-01-01\"},"
          + "{\"name\": \"v2\", \"effective_from\": \"2027-02-01\","
          + " \"window\": {\"opens_months_before_renewal\": 6}}]}";
      try (Policy p = Policy.fromJson(versions)) {
        eq(Cpd.window(LocalDate.of(2027, 1, 31), p).opensOn(),
           LocalDate.of(2026, 11, 1), "v1: 3 months");
        eq(Cpd.window(LocalDate.of(2027, 3, 31), p).opensOn(),
           LocalDate.of(2026, 10, 1), "v2: 6 months");
        Result r = Cpd.check(eligible, p);
        eq(Cpd.window(LocalDate.of(2027, 3, 31), p),
           new Cpd.WindowDates(r.window().opensOn(), r.window().closesOn()),
           "same as check");
      }
    });

    test("threads share a policy", () -> {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try (Policy p = Policy.defaults()) {
        String want = Cpd.check(eligible, p).toJson();
        List<Future<String>> fs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          fs.add(pool.submit(() -> Cpd.check(eligible, p).toJson()));
        }
        for (Future<String> f : fs) {
          eq(f.get(), want, "same result");
        }
      } finally {
        pool.shutdown();
      }
    });

    test("version", () -> eq(Cpd.version(), CpdNative.VERSION_STRING, "version"));

    test("raw module: evaluate_json and typed accessors", () -> {
      NativeResult r = CpdNative.evaluate_json(
          null, eligible.getBytes(StandardCharsets.UTF_8), null);
      try {
        eq(CpdNative.result_summary(r).getCounted(), 3400L, "counted");
        eq(CpdNative.result_section_count(r), 10L, "sections");
        int[] s = new int[1], e = new int[1];
        CpdNative.result_period_year(r, 1, s, e);
        eq(Cpd.fromDay(s[0]), LocalDate.of(2024, 4, 1), "year 1 starts");
        try {
          CpdNative.result_period_year(r, 9, s, e);
          throw new AssertionError("year 9 accepted");
        } catch (CpdException ex) {
          eq(ex.status(), CpdException.EINVAL, "EINVAL");
        }
      } finally {
        r.delete();
      }
    });

    test("many checks do not grow the heap or native memory", () -> {
      for (int i = 0; i < 20000; i++) {
        Cpd.check(eligible);
        if (i % 1000 == 0) {
          try {
            Cpd.check("{");
          } catch (InputException expected) {
            // ok
          }
          Policy.defaults().close();
        }
      }
    });
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: CpdTest golden|api CASE_DIR...");
      System.exit(3);
    }
    CpdTest t = new CpdTest();
    for (int i = 1; i < args.length; i++) {
      Path dir = Path.of(args[i]);
      if (args[0].equals("golden")) {
        t.golden(dir);
      } else {
        t.api(dir);
      }
    }
    System.out.println(t.passed + " passed, " + t.failed + " failed");
    System.exit(t.failed == 0 && t.passed > 0 ? 0 : 1);
  }
}
