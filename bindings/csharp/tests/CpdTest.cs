// CpdTest.cs - tests of the C# binding under Mono (no NUnit on the
// machine: a small runner).
//
//   mono CpdTest.exe golden CASE_DIR...   every NAME.json + NAME.expected.json
//                                         through Cpd.Check, the typed result
//                                         equal to the engine's document
//   mono CpdTest.exe api CASE_DIR         the rest of the surface
//   mono CpdTest.exe leak N CASE_DIR      N calls, resident memory flat (5%
//                                         and 2 MiB for Mono's heap)
//   mono CpdTest.exe canon [--policy P] IN.ndjson OUT.ndjson
//                                         for the cross-language test
// Ends with "N passed, M failed"; exit status 1 if any failed.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Jp.Cpd.Tests {
  internal static class CpdTest {
    static int passed, failed;

    static void Test(string name, Action body) {
      try {
        body();
        passed++;
        Console.WriteLine("ok   " + name);
      } catch (Exception e) {
        failed++;
        Console.WriteLine("FAIL " + name + ": " + e);
      }
    }

    static void Check(bool cond, string what) {
      if (!cond) throw new Exception("assertion failed: " + what);
    }

    static void Eq(object got, object want, string what) {
      if (got is decimal && want is decimal) {
        if ((decimal)got == (decimal)want) return;
      } else if (Equals(got, want)) {
        return;
      }
      throw new Exception(what + ": got " + (got ?? "null") + ", expected " + (want ?? "null"));
    }

    static T Throws<T>(Action body, string what) where T : Exception {
      try {
        body();
      } catch (T e) {
        return e;
      }
      throw new Exception(what + ": no " + typeof(T).Name);
    }

    static void TypedEqualsDocument(Result r) {
      string typed = TestJson.Write(Canon.Result(r));
      Check(TestJson.Same(TestJson.Parse(typed), TestJson.Parse(r.ToJson())),
            "typed result differs from its document:\n" + typed + "\n" + r.ToJson());
    }

    /// <summary>The code of the InputException a document raises (null: none).</summary>
    static string InputError(byte[] doc, Limits limits) {
      using (var c = new Checker(null, null, limits)) {
        try {
          c.Check(doc);
          return null;
        } catch (InputException e) {
          return e.Code;
        }
      }
    }

    /// <summary>A policy of n dated versions vI, effective from 2000+I-01-01.</summary>
    static string DatedVersions(int n) {
      var b = new StringBuilder("{\"versions\": [");
      for (int i = 0; i < n; i++)
        b.Append(i == 0 ? "" : ",").Append("{\"name\": \"v").Append(i)
         .Append("\", \"effective_from\": \"").Append(2000 + i).Append("-01-01\"}");
      return b.Append("]}").ToString();
    }

    /// <summary>A policy's versions as the binding found them before cpd.h
    /// had cpd_policy_version_at: the version in force on the last day
    /// there is, then on the day before each one's effective_from (n + 1
    /// checks).</summary>
    static List<PolicyVersion> ProbedVersions(Policy p) {
      var found = new List<PolicyVersion>();
      DateTime day = new DateTime(9999, 12, 31);
      while (true) {
        PolicyVersion v = Cpd.Check("{\"applied_on\": \"" + day.ToString("yyyy-MM-dd")
            + "\", \"certification\": {\"expires_on\": \"2027-03-31\"}}", p).Policy;
        if (found.Count > 0 && found[0].EffectiveFrom == v.EffectiveFrom) break;
        found.Insert(0, v);
        day = v.EffectiveFrom.AddDays(-1);
      }
      return found;
    }

    // ------------------------------------------------------------ golden
    static void Golden(string dir) {
      var cases = Directory.GetFiles(dir, "*.expected.json").OrderBy(f => f, StringComparer.Ordinal).ToList();
      Check(cases.Count > 0, "no cases in " + dir);
      foreach (string expPath in cases) {
        string file = Path.GetFileName(expPath);
        string name = file.Substring(0, file.Length - ".expected.json".Length);
        Test("golden " + name, () => {
          JObject exp = TestJson.ParseObject(File.ReadAllText(expPath, Encoding.UTF8));
          byte[] app = File.ReadAllBytes(Path.Combine(dir, name + ".json"));
          string polPath = Path.Combine(dir, name + ".policy.json");
          Policy policy = File.Exists(polPath) ? Policy.FromFile(polPath) : null;
          int exit;
          Result r = null;
          InputException err = null;
          try {
            r = Cpd.Check(app, policy);
            exit = r.IsEligible ? 0 : 1;
          } catch (InputException e) {
            err = e;
            exit = 2;
          } finally {
            if (policy != null) policy.Dispose();
          }
          Eq((decimal)exit, exp["exit"], "exit");
          if (exp.Has("error_code")) {
            Check(err != null, "expected an InputException");
            Eq(err.Code, exp["error_code"], "error code");
            return;
          }
          TypedEqualsDocument(r);
          JObject doc = TestJson.ParseObject(TestJson.Write(Canon.Result(r)));
          foreach (string k in new[] { "decision", "window", "renewal", "email_subject" })
            if (exp.Has(k)) Check(TestJson.Same(doc[k], exp[k]), k);
          if (exp.Has("period")) {
            var want = (JObject)exp["period"];
            var got = (JObject)doc["period"];
            foreach (var kv in want) Check(TestJson.Same(got[kv.Key], kv.Value), "period." + kv.Key);
          }
          if (exp.Has("points")) {
            var want = (JObject)exp["points"];
            if (want.Has("required")) Eq(r.Points.Required, want["required"], "required");
            if (want.Has("counted")) Eq(r.Points.Counted, want["counted"], "counted");
            if (want.Has("shortfall")) Eq(r.Points.Shortfall, want["shortfall"], "shortfall");
            var secs = want["sections"] as JObject;
            if (secs != null)
              foreach (var kv in secs) Eq(r.Sections[kv.Key].Counted, kv.Value, "section " + kv.Key);
          }
          if (exp.Has("activities")) {
            var got = (List<object>)doc["activities"];
            foreach (object o in (List<object>)exp["activities"]) {
              var want = (JObject)o;
              var g = got.Cast<JObject>().First(a => (decimal)TestJson.Parse(TestJson.Write(a["index"])) == (decimal)want["index"]);
              foreach (var kv in want)
                Check(TestJson.Same(TestJson.Parse(TestJson.Write(g[kv.Key])), kv.Value),
                      "activities[" + want["index"] + "]." + kv.Key);
            }
          }
          if (exp.Has("codes")) {
            var want = ((List<object>)exp["codes"]).Cast<string>().ToList();
            var got = r.Codes.Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();
            Check(want.SequenceEqual(got), "codes " + string.Join(",", got));
          }
        });
      }
    }

    // ---------------------------------------------------------------- api
    static void Api(string dir) {
      string eligible = File.ReadAllText(Path.Combine(dir, "eligible-basic.json"), Encoding.UTF8);
      string shortfall = File.ReadAllText(Path.Combine(dir, "shortfall.json"), Encoding.UTF8);
      string examples = Path.GetFullPath(Path.Combine(dir, "..", "..", "examples"));

      Test("check returns a typed result", () => {
        Result r = Cpd.Check(eligible);
        Eq(r.Decision, Decision.Eligible, "decision");
        Check(r.IsEligible, "IsEligible");
        Eq(r.Points.Required, 30m, "required");
        Eq(r.Sections["B-1"].Counted, 5m, "B-1");
        Eq(r.Sections["B-1"].Year, (int?)1, "B-1 year");
        Eq(r.Sections["A"].Cap, null, "A has no cap");
        Eq(r.Sections.Count, 10, "10 sections");
        Eq(r.Window.OpensOn, new DateTime(2027, 1, 1), "window opens");
        Eq(r.Window.Status, WindowStatus.Open, "window status");
        Eq(r.Renewal.StartsOn, new DateTime(2027, 4, 1), "renewal");
        Eq(r.Activities[3].Status, ActivityStatus.PartiallyCounted, "activity 3");
        Diagnostic d = r.Diagnostics[0];
        Eq(d.Severity, Severity.Info, "severity");
        Eq(d.Rule, "R6", "rule");
        Eq(d.Activity, (int?)3, "activity");
        Eq(r.Policy.Name, "JCCEA CPD 2019-01", "policy");
        Check(r.ToJson().StartsWith("{\"decision\":\"eligible\"", StringComparison.Ordinal), "ToJson");
        Eq(Cpd.Check(eligible), r, "equal results");
        TypedEqualsDocument(r);
        Eq(Decision.Eligible.WireName(), "eligible", "wire name");
        Eq(ActivityStatus.PartiallyCounted.WireName(), "partially_counted", "wire name");
        Eq(WindowStatus.NotYetOpen.WireName(), "not_yet_open", "wire name");
        Eq(WireNames.ParseDecision("ineligible"), Decision.Ineligible, "parse");
      });

      Test("fee status, its words and yen come from the library", () => {
        var all = (FeeStatus[])Enum.GetValues(typeof(FeeStatus));
        Eq(all.Length, 6, "six statuses");
        foreach (FeeStatus f in all) {
          Eq(f.WireName(), CpdNative.fee_status_str((NativeFeeStatus)(int)f), "wire name " + f);
          Eq(WireNames.ParseFeeStatus(f.WireName()), f, "parse " + f);
          Label l = f.GetLabel();
          Eq(l.Name, f.WireName(), "label name " + f);
          Check(l.Text.Length > 0 && l.TextJa.Length > 0 && l.Note.Length > 0 && l.NoteJa.Length > 0,
                "label words " + f);
        }
        Eq(FeeStatus.AmountDiffers.WireName(), "amount_differs", "amount_differs");
        Eq(FeeStatus.AmountDiffers.GetLabel().TextJa, "金額相違", "金額相違");
        foreach (string bad in new[] { "Paid", "", "unknown", "paid " })
          Throws<ArgumentException>(() => WireNames.ParseFeeStatus(bad), "parse " + bad);
        Eq(Cpd.FormatYen(10000), "10,000", "10,000");
        Eq(Cpd.FormatYen(-1500), "-1,500", "-1,500");
        Eq(Cpd.FormatYen(0), "0", "0");
        Eq(Cpd.FormatYen(long.MinValue), "-9,223,372,036,854,775,808", "min");
        Eq(Cpd.FormatYen(long.MaxValue), "9,223,372,036,854,775,807", "max");
      });

      Test("points are exact decimals as the documents write them", () => {
        Result r = Cpd.CheckFile(Path.Combine(examples, "eligible.json"));
        Eq(r.Points.Counted.ToString(System.Globalization.CultureInfo.InvariantCulture), "31.5", "31.5");
        Eq(r.Points.Required.ToString(System.Globalization.CultureInfo.InvariantCulture), "30", "30");
        Eq(r.Sections["C-2"].Counted, 2.5m, "2.5");
        foreach (long h in new long[] { 0, 1, 10, 25, 100, 150, 3150, 99999999, -300, -5, 123456789012L })
          Eq(Values.Points(h).ToString(System.Globalization.CultureInfo.InvariantCulture),
             CpdNative.points_format(h), "points_format(" + h + ")");
      });

      Test("input error: InputException with Code, Path, Offset", () => {
        var e = Throws<InputException>(() => Cpd.Check("{\"applied_on\": \"2027-02-10\", \"applied_on\": \"x\"}"), "dup");
        Eq(e.Code, "input.duplicate_key", "code");
        Eq(e.Path, "/applied_on", "path");
        Eq(e.Status, Status.EInput, "status");
        Eq((int)e.Status, -2, "the C value");
        Check(e.MessageJa.Length > 0, "Japanese message");
        Check(e.Message.StartsWith("input.duplicate_key at /applied_on", StringComparison.Ordinal), e.Message);
        Check(TestJson.ParseObject(e.ToJson()).Has("error"), "error document");
        // the document is the library's (cpd_error_to_json): C1 and bidi
        // controls escaped as every document of the library escapes them
        var made = new CpdException(Status.EInput, "input.syntax", "/a\u2066", 3,
                                    "x\u0085y\u202e\"", "日本");
        Eq(made.ToJson(), "{\"error\":{\"code\":\"input.syntax\",\"path\":"
           + "\"/a\\u2066\",\"offset\":3,\"message\":\"x\\u0085y\\u202e"
           + "\\\"\",\"message_ja\":\"日本\"}}", "error document escapes");
        var s = Throws<InputException>(() => Cpd.Check("{\"applied_on\": "), "syntax");
        Eq(s.Code, "input.syntax", "syntax");
        Check(s.Offset >= 0, "offset");
      });

      Test("messages never echo personal data", () => {
        string secret = "極秘太郎 secret@example.jp";
        var e = Throws<InputException>(() => Cpd.Check("{\"applied_on\": \"" + secret
            + "\", \"certification\": {\"expires_on\": \"2027-03-31\"}}"), "bad date");
        Check(!e.Message.Contains("極秘") && !e.MessageJa.Contains("極秘") && !e.Message.Contains("secret"),
              "echoed: " + e.Message);
      });

      Test("characters outside the BMP cross intact", () => {
        string id = "\uD842\uDFB7-1\uD83D\uDE00";
        string doc = eligible.Replace("\"id\": \"a1\"", "\"id\": \"" + id + "\"");
        Check(doc != eligible, "replaced");
        Result r = Cpd.Check(doc);
        Eq(r.Activities[0].Id, id, "id");
        TypedEqualsDocument(r);
      });

      Test("policy: Default, FromJson, ToJson, Name, Versions, Dispose", () => {
        using (Policy p = Policy.Default()) {
          Eq(TestJson.ParseObject(p.ToJson())["required_points"], 30m, "required_points");
          Eq(Cpd.Check(eligible, p).Decision, Decision.Eligible, "check");
          Eq(p.Name, "JCCEA CPD 2019-01", "name");
          Eq(p.Versions.Count, 1, "one version");
          Eq(p.Versions[0], new PolicyVersion("JCCEA CPD 2019-01", new DateTime(2019, 1, 1)), "version");
        }
        using (Policy p = Policy.FromJson("{\"required_points\": 40}")) {
          Result r = Cpd.Check(eligible, p);
          Eq(r.Points.Required, 40m, "required 40");
          Eq(r.Decision, Decision.Ineligible, "decision");
        }
        Policy q = Policy.Default();
        Cpd.Check(eligible, q);
        q.Dispose();
        q.Dispose();
        Throws<ObjectDisposedException>(() => Cpd.Check(eligible, q), "used after Dispose");
        var pe = Throws<PolicyException>(() => Policy.FromJson("{\"period_years\": 0}"), "refused");
        Eq(pe.Code, "policy.invalid", "code");
        Eq(pe.Path, "/period_years", "path");
        Eq(pe.Status, Status.EPolicy, "status");
        Eq(Throws<InputException>(() => Policy.FromJson("{"), "not JSON").Code, "input.syntax", "not JSON");
      });

      Test("dated versions", () => {
        string versions = "{\"versions\": ["
            + "{\"name\": \"CPD 2019\", \"effective_from\": \"2019-01-01\"},"
            + "{\"name\": \"CPD 2027\", \"effective_from\": \"2027-02-01\","
            + " \"sections\": [{\"category\": \"B\", \"cap\": 6}]},"
            + "{\"effective_from\": \"2030-04-01\"}]}";
        using (Policy p = Policy.FromJson(versions)) {
          Check(p.Versions.SequenceEqual(new[] {
              new PolicyVersion("CPD 2019", new DateTime(2019, 1, 1)),
              new PolicyVersion("CPD 2027", new DateTime(2027, 2, 1)),
              new PolicyVersion("from 2030-04-01", new DateTime(2030, 4, 1)) }),
              "versions " + string.Join(", ", p.Versions));
          Eq(p.Name, "from 2030-04-01", "name");
          Eq(Cpd.Check(eligible, p).Policy.Name, "CPD 2027", "in force");
          Eq(Cpd.Check(eligible, p, new DateTime(2027, 1, 20)).Policy.Name, "CPD 2019", "as of");
          Eq(Cpd.Window(new DateTime(2027, 1, 31), p).OpensOn, new DateTime(2026, 11, 1), "window v1");
        }
      });

      Test("Versions: cpd.h's accessors, as the probe found them", () => {
        string two = "{\"versions\": ["
            + "{\"name\": \"CPD 2019\", \"effective_from\": \"2019-01-01\"},"
            + "{\"name\": \"CPD 2027\", \"effective_from\": \"2027-02-01\","
            + " \"sections\": [{\"category\": \"B\", \"cap\": 6}]}]}";
        using (Policy d = Policy.Default())
        using (Policy p = Policy.FromJson(two))
        using (Policy u = Policy.FromJson("{\"name\": \"plain\", \"effective_from\": \"2024-04-01\"}")) {
          Check(p.Versions.SequenceEqual(new[] {
              new PolicyVersion("CPD 2019", new DateTime(2019, 1, 1)),
              new PolicyVersion("CPD 2027", new DateTime(2027, 2, 1)) }),
              "two versions: " + string.Join(", ", p.Versions));
          Check(d.Versions.SequenceEqual(new[] {
              new PolicyVersion("JCCEA CPD 2019-01", new DateTime(2019, 1, 1)) }),
              "the default: " + string.Join(", ", d.Versions));
          Check(u.Versions.SequenceEqual(new[] {
              new PolicyVersion("plain", new DateTime(2024, 4, 1)) }),
              "unversioned: " + string.Join(", ", u.Versions));
          foreach (Policy q in new[] { d, p, u }) {
            var probed = ProbedVersions(q);
            Check(q.Versions.SequenceEqual(probed), "as the n+1 evaluations found: "
                  + string.Join(", ", q.Versions) + " / " + string.Join(", ", probed));
          }
          Eq(CpdNative.policy_version_count(null), 1UL, "NULL: the default");
          int from;
          Eq(CpdNative.policy_version_at(null, 0, out from), "JCCEA CPD 2019-01", "NULL's name");
          Eq(Throws<CpdException>(() => CpdNative.policy_version_at(p.Handle, 2, out from),
                                  "index 2 of 2").Status, Status.EInval, "out of range");
        }
        Policy closed = Policy.FromJson(two);
        closed.Dispose();
        Throws<ObjectDisposedException>(() => closed.Versions.Count.ToString(), "after Dispose");
      });

      Test("asOf replaces applied_on", () => {
        Result r = Cpd.Check(eligible, null, new DateTime(2026, 12, 1));
        Eq(r.AppliedOn, new DateTime(2026, 12, 1), "AppliedOn");
        Eq(r.Window.Status, WindowStatus.NotYetOpen, "window");
      });

      Test("dates: ParseDate, FiscalYear, Window", () => {
        Eq(Cpd.ParseDate("令和6年4月1日"), new DateTime(2024, 4, 1), "reiwa");
        Eq(Cpd.ParseDate("R6.4.1"), new DateTime(2024, 4, 1), "R6.4.1");
        Eq(Cpd.ParseDate("１９６９-１２-３１"), new DateTime(1969, 12, 31), "full-width, negative day");
        Throws<FormatException>(() => Cpd.ParseDate("2023-02-29"), "2023-02-29");
        Eq(Cpd.FiscalYear(new DateTime(2025, 3, 31)), 2024, "FY");
        Eq(Cpd.FiscalYear(new DateTime(2025, 4, 1)), 2025, "FY");
        WindowDates w = Cpd.Window(new DateTime(2024, 2, 29));
        Eq(w.OpensOn, new DateTime(2023, 12, 1), "opens");
        Eq(w.ClosesOn, new DateTime(2024, 2, 29), "closes");
      });

      Test("checker: reused, disposed, results outlive the call", () => {
        var c = new Checker();
        Result a = c.Check(eligible);
        Result b = c.Check(shortfall);
        Eq(a.Decision, Decision.Eligible, "first");
        Eq(b.Decision, Decision.Ineligible, "second");
        Eq(a, Cpd.Check(eligible), "same as Cpd.Check");
        Throws<InputException>(() => c.Check("{"), "error");
        Eq(c.Check(eligible), a, "usable after an error");
        c.Dispose();
        Throws<ObjectDisposedException>(() => c.Check(eligible), "used after Dispose");
      });

      Test("CheckMany and Batch: the checker and cpd_lines", () => {
        var got = Cpd.CheckMany(new[] { eligible, "{", shortfall }).ToList();
        Eq(got.Count, 3, "three");
        Eq(got[0].Result.Decision, Decision.Eligible, "1");
        Eq(got[1].Error.Code, "input.syntax", "2");
        Eq(got[1].Error.Line, 2L, "line of the error");
        Eq(got[2].Result.Decision, Decision.Ineligible, "3");
        string one = eligible.Replace('\n', ' ');
        string data = one + "\r\n\n" + "   \t\n" + "{\"applied_on\": 1\n" + shortfall.Replace('\n', ' ');
        got = Cpd.Batch(new MemoryStream(Encoding.UTF8.GetBytes(data))).ToList();
        Check(got.Select(o => o.Line).SequenceEqual(new long[] { 1, 4, 5 }), "lines");
        Eq(got[0].Result, Cpd.Check(eligible), "line 1");
        Eq(got[1].Error.Code, "input.syntax", "line 4");
        Eq(got[1].Error.Line, 4L, "line 4's error");
        Eq(got[2].Result.Decision, Decision.Ineligible, "line 5");
        var ex = Cpd.BatchFile(Path.Combine(examples, "batch.ndjson"))
            .Select(o => o.IsResult ? o.Result.Decision.WireName() : o.Error.Code).ToList();
        Check(ex.SequenceEqual(new[] { "eligible", "incomplete", "ineligible", "input.syntax" }),
              "examples/batch.ndjson: " + string.Join(",", ex));
        using (var c = new Checker(null, null, new Limits(maxDocumentBytes: 200))) {
          got = c.Batch(new MemoryStream(Encoding.UTF8.GetBytes(one + "\n{}\n"))).ToList();
        }
        Eq(got[0].Error.Code, "input.too_large", "too long");
        Eq(got[1].Error.Code, "input.missing_field", "next line read");
        var big = new StringBuilder();
        for (int i = 0; i < 40; i++) big.Append(one).Append('\n');
        Check(big.Length > Checker.Chunk, "more than one chunk");
        Eq(Cpd.Batch(new MemoryStream(Encoding.UTF8.GetBytes(big.ToString()))).Count(o => o.IsResult),
           40, "40 results");
      });

      Test("limits", () => {
        using (var c = new Checker(null, null, new Limits(maxActivities: 3)))
          Eq(Throws<InputException>(() => c.Check(eligible), "max").Code, "input.too_large", "code");
      });

      Test("Limits: the constants are the library's defaults", () => {
        Eq(Limits.DefaultMaxDocumentBytes, 4UL << 20, "4 MiB");
        Eq(Limits.DefaultMaxActivities, 10000UL, "activities");
        Eq(Limits.DefaultMaxStringBytes, 4096UL, "string bytes");
        // a document one byte over the default size is refused; at it, read
        byte[] doc = new byte[Limits.DefaultMaxDocumentBytes];
        for (int i = 0; i < doc.Length; i++) doc[i] = (byte)' ';
        doc[0] = (byte)'{';
        doc[doc.Length - 1] = (byte)'}';
        Eq(InputError(doc, null), "input.missing_field", "at the size");
        byte[] over = new byte[doc.Length + 1];
        Array.Copy(doc, over, doc.Length);
        over[doc.Length - 1] = (byte)' ';
        over[doc.Length] = (byte)'}';
        Eq(InputError(over, null), "input.too_large", "one byte over");
        Eq(InputError(over, new Limits(maxDocumentBytes: (ulong)over.Length)),
           "input.missing_field", "over, with a limit of its size");
        // activities and one string likewise
        string head = "{\"applied_on\": \"2027-02-01\","
            + " \"certification\": {\"expires_on\": \"2027-03-31\"}, ";
        var many = new StringBuilder(head).Append("\"activities\": [");
        for (ulong i = 0; i < Limits.DefaultMaxActivities; i++) many.Append("{},");
        string over1 = many.ToString() + "{}]}";
        Eq(InputError(Encoding.UTF8.GetBytes(over1), null), "input.too_large", "one activity over");
        Eq(InputError(Encoding.UTF8.GetBytes(many.ToString().TrimEnd(',') + "]}"), null),
           null, "activities at the limit");
        string text = new string('x', (int)Limits.DefaultMaxStringBytes);
        Eq(Cpd.Check(head + "\"note\": \"" + text + "\"}").Decision, Decision.Ineligible,
           "a string at the limit");
        Eq(InputError(Encoding.UTF8.GetBytes(head + "\"note\": \"" + text + "x\"}"), null),
           "input.too_large", "one byte over in a string");
        // a policy: its own size limit whatever the limits, and its versions
        Eq(Limits.PolicyMaxBytes, 1UL << 20, "1 MiB");
        Eq(Limits.PolicyMaxList, 5000UL, "list");
        byte[] pol = new byte[Limits.PolicyMaxBytes + 1];
        for (int i = 0; i < pol.Length; i++) pol[i] = (byte)' ';
        pol[0] = (byte)'{';
        pol[pol.Length - 1] = (byte)'}';
        Eq(Throws<InputException>(() => Policy.FromJson(pol, new Limits(maxDocumentBytes: 2 * Limits.PolicyMaxBytes)),
                                  "a policy over 1 MiB").Code, "input.too_large", "policy one byte over");
        byte[] polAt = new byte[pol.Length - 1];
        Array.Copy(pol, polAt, polAt.Length);
        polAt[polAt.Length - 1] = (byte)'}';
        using (Policy p = Policy.FromJson(polAt))
          Eq(p.Name, "JCCEA CPD 2019-01", "a policy of 1 MiB: the default");
        Eq(Limits.PolicyMaxVersions, 64UL, "versions");
        using (Policy p = Policy.FromJson(DatedVersions(64))) {
          Eq(p.Versions.Count, 64, "64 versions");
          Eq(p.Versions[63], new PolicyVersion("v63", new DateTime(2063, 1, 1)), "the newest");
        }
        var pe = Throws<PolicyException>(() => Policy.FromJson(DatedVersions(65)), "65 versions");
        Eq(pe.Code, "policy.invalid", "65 versions");
        Eq(pe.Path, "/versions", "65 versions: where");
      });

      Test("plan: typed, as the plan document", () => {
        string inProgress = System.Text.RegularExpressions.Regex.Replace(
            shortfall, "\"applied_on\"\\s*:\\s*\"[^\"]*\",", "");
        Plan p = Cpd.Plan(inProgress, new DateTime(2026, 11, 28));
        Eq(p.Points.Needed, 8m, "needed");
        Check(p.Reachable, "reachable");
        Eq(p.Sections["B-3"].Room, (decimal?)5m, "B-3 room");
        Eq(p.Sections["A"].Room, null, "A unlimited");
        Eq(p.Points.ReachableMax, null, "unlimited");
        Eq(p.Window.DaysUntilOpens, 34, "days until opens");
        Eq(p.Window.Status, WindowStatus.NotYetOpen, "status");
        Check(p.Advice.StartsWith("8 more points", StringComparison.Ordinal), p.Advice);
        string typed = TestJson.Write(Canon.Plan(p));
        Check(TestJson.Same(TestJson.Parse(typed), TestJson.Parse(p.ToJson())),
              "typed plan equals its document:\n" + typed + "\n" + p.ToJson());
        Eq(Throws<InputException>(() => Cpd.Plan("{", new DateTime(2026, 11, 28)), "bad").Code,
           "input.syntax", "plan input error");
      });

      Test("audit: selection, same seed same holders, errors", () => {
        var roster = new[] {
          "{\"number\": \"OMP-000101\", \"qualification\": \"OMP\"}",
          "{\"number\": \"OMP-000102\", \"qualification\": \"OMP\"}",
          "",
          "{\"number\": \"CAP-000201\", \"qualification\": \"CAP\"}",
          "{\"number\": \"ＯＭＰ－０００１０１\"}",
          "{\"number\": \"CAP-000202\"}" };
        var o = new AuditOptions("20%", 6) { CollectErrors = true };
        o.Include.Add("CAP-000202");
        AuditSelection s = Cpd.Audit(roster, o);
        Eq(s.Entries.Count, 4, "four holders");
        Eq(s.Errors.Count, 1, "one duplicate");
        Eq(s.Errors[0].Code, "audit.duplicate_number", "duplicate");
        Eq(s.Errors[0].Line, 5L, "its line");
        Eq(s.Entries[2].Line, 4L, "blank line counted");
        Eq(s.Entries[3].Reason, "included", "included");
        Eq(s.Entries[3].Qualification, null, "no qualification");
        foreach (AuditEntry e in s.Entries) {
          Eq(e.Hash, Cpd.AuditHash(e.Number, 6), "hash");
          Check(e.Selected == (e.Hash % 1000000 < 200000 || e.Reason == "included"), "selected");
        }
        Eq(Throws<InputException>(() => Cpd.Audit(roster, new AuditOptions("0.2", 6)), "raise").Line,
           5L, "raised with its line");
        string tmp = Path.GetTempFileName();
        try {
          File.WriteAllText(tmp, string.Join("\n", roster));
          AuditSelection f = Cpd.AuditFile(tmp, o);
          Check(f.Entries.Select(e => e.Number + e.Line + e.Selected)
                    .SequenceEqual(s.Entries.Select(e => e.Number + e.Line + e.Selected)), "AuditFile");
        } finally {
          File.Delete(tmp);
        }
        Throws<ArgumentException>(() => new AuditOptions("0.0000001", 1), "finer than a millionth");
        // read by the library as `cpd audit --rate` reads it
        foreach (string bad in new[] { " 0.05", "5e-2", "+0.05", ".5", "５%" })
          Throws<ArgumentException>(() => new AuditOptions(bad, 1), bad);
        Eq(new AuditOptions("0.0001%", 1).RatePpm, 1u, "a millionth");
        Eq(new AuditOptions("100%", 1).RatePpm, 1000000u, "all");
        Eq(Cpd.AuditHash("OMP-1", ulong.MaxValue), Cpd.AuditHash("ＯＭＰ－１", ulong.MaxValue), "normalised");
      });

      Test("redact", () => {
        string red = Cpd.Redact(eligible);
        Check(!red.Contains("山田"), "name masked");
        Eq(Cpd.Check(red).Points.Counted, Cpd.Check(eligible).Points.Counted, "same points");
        Eq(Throws<InputException>(() => Cpd.Redact("{\"a\": 1, \"a\": 2}"), "dup").Code,
           "input.duplicate_key", "error");
      });

      Test("catalogue: Explain, Codes, Rules, Fields, NormalizeText", () => {
        Explanation e = Cpd.Explain("section.capped");
        Eq(e.Code.Severity, (Severity?)Severity.Info, "severity");
        Eq(e.Code.Rule, "R6", "rule");
        Eq(e.Code.Kind, CodeKind.Diagnostic, "kind");
        Eq(e.Rule.Id, "R6", "rule info");
        Eq(((JObject)TestJson.ParseObject(e.ToJson())["code"])["summary"], e.Code.Summary, "summary");
        Eq(Cpd.Explain("r6").Code, null, "a rule");
        Eq(Cpd.Explain("input.syntax").Code.Severity, null, "an input error");
        Throws<ArgumentException>(() => Cpd.Explain("no.such_code"), "unknown");
        Throws<ArgumentException>(() => Cpd.Explain("R6\0x"), "NUL");
        Eq(Cpd.Rules().Count, 16, "R1-R16");
        Check(Cpd.Codes().Count > 30, "codes");
        FieldInfo name = Cpd.Fields().First(f => f.Pointer == "/applicant/name");
        Check(name.Personal, "personal");
        Eq(name.Redaction, Redaction.Initials, "initials");
        Eq(Cpd.NormalizeText("　ＡＢＣ  １２３　"), "ABC 123", "NFKC");
      });

      Test("threads share a policy", () => {
        using (Policy p = Policy.Default()) {
          Result want = Cpd.Check(eligible, p);
          var tasks = Enumerable.Range(0, 400).Select(i => Task.Run(() =>
              Cpd.Check(i % 2 == 0 ? eligible : shortfall, p))).ToArray();
          Task.WaitAll(tasks);
          for (int i = 0; i < tasks.Length; i += 2) Eq(tasks[i].Result, want, "same result");
        }
      });

      Test("version", () => Eq(Cpd.Version, CpdNative.VERSION_STRING, "version"));
    }

    // --------------------------------------------------------------- leak
    static long RssKib() {
      string[] f = File.ReadAllText("/proc/self/statm").Trim().Split(' ');
      return long.Parse(f[1]) * 4;
    }

    static void Leak(long n, string dir) {
      byte[] good = File.ReadAllBytes(Path.Combine(dir, "eligible-basic.json"));
      byte[] bad = File.ReadAllBytes(Path.Combine(dir, "input-error-duplicate-key.json"));
      string text = Encoding.UTF8.GetString(good);
      Test("leak: " + n + " calls, resident memory flat", () => {
        long warm = Math.Max(n / 10, 1), start = 0;
        var samples = new List<long>();
        var t0 = System.Diagnostics.Stopwatch.StartNew();
        for (long i = 0; i < n; i++) {
          if (i == warm) {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            start = RssKib();
          }
          if (i % 10 == 9) {
            Check(Throws<InputException>(() => Cpd.Check(bad), "dup").Code == "input.duplicate_key", "code");
          } else if (i % 100 == 0) {
            Result r = Cpd.Check(text, null, new DateTime(2027, 2, 1));
            Check(r.ToJson().Length > 0 && r.Diagnostics.Count >= 0, "read");
          } else {
            Check(Cpd.Check(good).IsEligible, "eligible");
          }
          if (i % 1000 == 0) {
            using (Policy p = Policy.FromJson("{\"required_points\": 30}")) {
              p.ToJson();
              Cpd.Check(good, p);
            }
            Cpd.Plan(text, new DateTime(2027, 1, 10));
          }
          if (i > warm && i % (n / 10) == 0) samples.Add(RssKib());
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long end = RssKib();
        double took = t0.Elapsed.TotalSeconds;
        double growth = (end - start) * 100.0 / start;
        Console.WriteLine("leak: {0} calls in {1:F1} s ({2:F1} us/call)", n, took, took / n * 1e6);
        Console.WriteLine("leak: resident {0} KiB after {1} calls, {2} KiB at the end ({3:+0.00;-0.00}%); samples [{4}]",
                          start, warm, end, growth, string.Join(", ", samples));
        // Mono's heap keeps a megabyte or so more or less after a full
        // collection whatever the count of calls (200,000 or 500,000 calls:
        // the same); 2 MiB of slack beside the 5% still catches a leak of
        // 12 bytes a call.
        Check(end <= start * 1.05 + 2048, "resident memory grew by " + growth + "%");
      });
    }

    // -------------------------------------------------------------- bench
    /// <summary>Every typed field of a result, folded into a number.</summary>
    static long ReadAll(Result r) {
      long h = (int)r.Decision + r.AppliedOn.Ticks + (r.Qualification ?? "").Length
          + r.Window.OpensOn.Ticks + (int)r.Window.Status + (long)r.Points.Counted
          + (long)r.Points.Required + (long)r.Points.Shortfall + r.EmailSubject.Length
          + r.Policy.Name.Length;
      foreach (PeriodYear y in r.Period.Years) h += y.Year + y.StartsOn.Ticks + y.EndsOn.Ticks;
      foreach (Section s in r.Points.Sections)
        h += s.Name.Length + (long)s.Claimed + (long)s.Counted + (long)(s.Cap ?? 0) + s.Entries;
      foreach (Activity a in r.Activities)
        h += a.Index + (a.Id ?? "").Length + (a.Section ?? "").Length + (long)a.Claimed
            + (long)a.Counted + (int)a.Status;
      foreach (Diagnostic d in r.Diagnostics)
        h += d.Code.Length + d.Path.Length + d.Message.Length + d.MessageJa.Length
            + d.Rule.Length + (int)d.Severity;
      return h;
    }

    static void Bench(string file, int n, int rounds) {
      byte[] app = File.ReadAllBytes(file);
      long sink = 0;
      var self = System.Diagnostics.Process.GetCurrentProcess();
      var raw = CpdNative.checker_new(null, null);
      foreach (string variant in new[] { "raw", "check", "check+read" }) {
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        for (int round = -2; round < rounds; round++) {  // two warm-up rounds
          var w = System.Diagnostics.Stopwatch.StartNew();
          self.Refresh();
          TimeSpan c0 = self.TotalProcessorTime;
          for (int k = 0; k < n; k++) {
            if (variant == "raw") {  // the C call through P/Invoke, document copied
              IntPtr doc;
              ulong len;
              CpdNative.checker_check(raw, out doc, out len, app, (ulong)app.Length);
              sink += BindNative.Copy(doc, len).Length;
              continue;
            }
            Result r = Cpd.Check(app);
            sink += variant == "check" ? (int)r.Decision : ReadAll(r);
          }
          self.Refresh();
          double cpu = (self.TotalProcessorTime - c0).TotalMilliseconds * 1000 / n;
          double wall = w.Elapsed.TotalMilliseconds * 1000 / n;
          if (round >= 0) {
            bestWall = Math.Min(bestWall, wall);
            bestCpu = Math.Min(bestCpu, cpu);
          }
        }
        Console.WriteLine("csharp: {0} {1:F2} us/call (cpu {2:F2} us/call, {3} calls x {4} rounds)",
                          variant, bestWall, bestCpu, n, rounds);
      }
      raw.Dispose();
      if (sink == 42) Console.WriteLine();
    }

    // -------------------------------------------------------------- canon
    static void Canonical(string policyFile, string input, string output) {
      Policy policy = policyFile == null ? null : Policy.FromFile(policyFile);
      string tmp = output + ".tmp-" + System.Diagnostics.Process.GetCurrentProcess().Id;
      try {
        using (var w = new StreamWriter(tmp, false, new UTF8Encoding(false)))
        using (Stream s = File.OpenRead(input)) {
          foreach (Outcome o in Cpd.Batch(s, policy)) {
            JObject doc = o.IsResult ? Canon.Result(o.Result) : Canon.Error(o.Error);
            w.Write(o.Line + "\t" + TestJson.Write(doc) + "\n");
            passed++;
          }
        }
        File.Move(tmp, output);  // OUT is a new path of the caller's
      } finally {
        if (File.Exists(tmp)) File.Delete(tmp);
        if (policy != null) policy.Dispose();
      }
    }

    static int Main(string[] args) {
      if (args.Length < 2) {
        Console.Error.WriteLine("usage: CpdTest golden|api CASE_DIR | leak N CASE_DIR | canon [--policy P] IN OUT");
        return 3;
      }
      switch (args[0]) {
        case "golden":
          for (int i = 1; i < args.Length; i++) Golden(args[i]);
          break;
        case "api":
          Api(args[1]);
          break;
        case "leak":
          Leak(long.Parse(args[1]), args[2]);
          break;
        case "bench":
          Bench(args[1], int.Parse(args[2]), int.Parse(args[3]));
          return 0;
        case "canon":
          if (args[1] == "--policy") Canonical(args[2], args[3], args[4]);
          else Canonical(null, args[1], args[2]);
          break;
        default:
          Console.Error.WriteLine("unknown mode " + args[0]);
          return 3;
      }
      Console.WriteLine(passed + " passed, " + failed + " failed");
      return failed == 0 && passed > 0 ? 0 : 1;
    }
  }
}
