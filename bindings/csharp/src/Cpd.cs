// Cpd.cs - the CPD renewal rules engine (libcpd) for .NET (Mono).
//
//   using Jp.Cpd;
//   Result r = Cpd.Check(json);
//   r.Decision; r.Points.Counted; r.Sections["B-1"].Counted;
//
// An application crosses into C once, as UTF-8 bytes; the result is read
// through the library's typed accessors in the same call, so a Result
// holds no native memory.  Each thread checks with a reusable checker of
// its own (cpd_checker, see Checker).  The namespace is Jp.Cpd, as Java's
// jp.cpd: a static class Cpd inside a namespace named Cpd could not be
// called as Cpd.Check.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

// The tests (bindings/csharp/tests) check the internals too.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("CpdTest")]

namespace Jp.Cpd {
  /// <summary>The application window of a certification expiring on some day.</summary>
  public sealed class WindowDates {
    internal WindowDates(DateTime opensOn, DateTime closesOn) { OpensOn = opensOn; ClosesOn = closesOn; }
    public DateTime OpensOn { get; private set; }
    public DateTime ClosesOn { get; private set; }
  }

  public static class Cpd {
    /// <summary>Version of the libcpd inside the binding ("0.2.0").</summary>
    public static string Version { get { return CpdNative.version_string(); } }

    /// <summary>Checks an application document (JSON text).</summary>
    /// <param name="policy">null for the built-in default</param>
    /// <param name="asOf">null, or evaluate as if applied on this day</param>
    /// <exception cref="InputException">the application cannot be
    /// evaluated; Code, Path and Offset say what and where</exception>
    public static Result Check(string json, Policy policy = null, DateTime? asOf = null) {
      if (json == null) throw new ArgumentNullException("json");
      return Check(Encoding.UTF8.GetBytes(json), policy, asOf);
    }

    /// <summary>Check of the document's UTF-8 bytes, passed as they are.</summary>
    public static Result Check(byte[] utf8, Policy policy = null, DateTime? asOf = null) {
      if (utf8 == null) throw new ArgumentNullException("utf8");
      if (!asOf.HasValue) return (policy ?? Policy.Shared).LocalChecker().Check(utf8);
      using (var c = new Checker(policy, asOf, null)) return c.Check(utf8);
    }

    /// <summary>Check of a file's contents.</summary>
    public static Result CheckFile(string path, Policy policy = null, DateTime? asOf = null) {
      return Check(File.ReadAllBytes(path), policy, asOf);
    }

    /// <summary>Checks applications one after another with one checker,
    /// lazily; the checker is disposed when the enumeration ends.</summary>
    public static IEnumerable<Outcome> CheckMany(IEnumerable<string> applications,
                                                 Policy policy = null, DateTime? asOf = null) {
      using (var c = new Checker(policy, asOf, null))
        foreach (Outcome o in c.CheckMany(applications)) yield return o;
    }

    /// <summary>Checks an NDJSON stream (one application per line) as `cpd
    /// batch` does, in constant memory; the stream is left open.</summary>
    public static IEnumerable<Outcome> Batch(Stream ndjson, Policy policy = null,
                                             DateTime? asOf = null) {
      using (var c = new Checker(policy, asOf, null))
        foreach (Outcome o in c.Batch(ndjson)) yield return o;
    }

    /// <summary>Batch of a file.</summary>
    public static IEnumerable<Outcome> BatchFile(string path, Policy policy = null,
                                                 DateTime? asOf = null) {
      using (Stream s = File.OpenRead(path))
        foreach (Outcome o in Batch(s, policy, asOf)) yield return o;
    }

    /// <summary>Plans an application in progress as of a day (docs/PLAN.md).</summary>
    /// <exception cref="InputException">the application cannot be read</exception>
    public static Plan Plan(string json, DateTime asOf, Policy policy = null) {
      if (json == null) throw new ArgumentNullException("json");
      byte[] b = Encoding.UTF8.GetBytes(json);
      using (NativePlan p = CpdNative.plan_evaluate_json(Policy.HandleOf(policy), b,
                                                         (ulong)b.Length, Values.Day(asOf), null))
        return new Plan(p);
    }

    /// <summary>Selects holders for the annual audit from roster lines (each
    /// an application document or {"number": .., "qualification": ..});
    /// blank lines are skipped and counted.</summary>
    /// <exception cref="InputException">a bad line (unless
    /// CollectErrors), with Line, Code and Path</exception>
    public static AuditSelection Audit(IEnumerable<string> roster, AuditOptions options) {
      return AuditRun.Run(roster, options);
    }

    /// <summary>Audit of a roster file (NDJSON), read with cpd_lines.</summary>
    public static AuditSelection AuditFile(string path, AuditOptions options) {
      using (Stream s = File.OpenRead(path)) return AuditRun.Run(s, options);
    }

    /// <summary>The keyed hash Audit gives a certification number.</summary>
    public static ulong AuditHash(string number, ulong seed) {
      byte[] b = Encoding.UTF8.GetBytes(number);
      ulong h;
      CpdNative.audit_hash(out h, b, (ulong)b.Length, seed);
      return h;
    }

    /// <summary>The application with personal data masked.</summary>
    public static string Redact(string json) {
      if (json == null) throw new ArgumentNullException("json");
      byte[] b = Encoding.UTF8.GetBytes(json);
      return Encoding.UTF8.GetString(CpdNative.redact_json(b, (ulong)b.Length, null));
    }

    /// <summary>What a diagnostic code or a rule ID means.</summary>
    /// <exception cref="ArgumentException">the name is neither</exception>
    public static Explanation Explain(string codeOrRule) {
      BindNative.CString(codeOrRule, "codeOrRule");
      NativeCodeInfo c = CpdNative.code_find(codeOrRule);
      NativeRuleInfo r = CpdNative.rule_find(c != null ? c.rule : codeOrRule);
      if (c == null && r == null)
        throw new ArgumentException("'" + codeOrRule
            + "' is neither a diagnostic code nor a rule ID (R1-R16)");
      return new Explanation(c == null ? null : new CodeInfo(c), r == null ? null : new RuleInfo(r));
    }

    public static IReadOnlyList<CodeInfo> Codes() {
      var l = new List<CodeInfo>();
      for (ulong i = 0, n = CpdNative.code_count(); i < n; i++) l.Add(new CodeInfo(CpdNative.code_at(i)));
      return l.AsReadOnly();
    }

    public static IReadOnlyList<RuleInfo> Rules() {
      var l = new List<RuleInfo>();
      for (ulong i = 0, n = CpdNative.rule_count(); i < n; i++) l.Add(new RuleInfo(CpdNative.rule_at(i)));
      return l.AsReadOnly();
    }

    public static IReadOnlyList<FieldInfo> Fields() {
      var l = new List<FieldInfo>();
      for (ulong i = 0, n = CpdNative.field_count(); i < n; i++) l.Add(new FieldInfo(CpdNative.field_at(i)));
      return l.AsReadOnly();
    }

    /// <summary>Text as the engine sees it (RULES.md R11): NFKC, trimmed,
    /// every run of white space one ASCII space.</summary>
    public static string NormalizeText(string text) {
      byte[] b = Encoding.UTF8.GetBytes(text);
      return Encoding.UTF8.GetString(CpdNative.text_normalize(b, (ulong)b.Length));
    }

    /// <summary>An amount of yen with a comma every three digits, as the
    /// office's documents write it (cpd_yen_format): 10000 is "10,000",
    /// -1500 "-1,500".</summary>
    public static string FormatYen(long yen) { return CpdNative.yen_format(yen); }

    /// <summary>Parses a date in any form of RULES.md R13.</summary>
    /// <exception cref="FormatException">anything else</exception>
    public static DateTime ParseDate(string text) {
      byte[] b = Encoding.UTF8.GetBytes(text);
      try {
        return Values.Date(CpdNative.day_parse(b, (ulong)b.Length));
      } catch (CpdException) {
        throw new FormatException("not a date in any form libcpd reads (ISO, 令和6年4月1日, R6.4.1, ...)");
      }
    }

    /// <summary>Fiscal year of a day (default policy: FY(2025-03-31) = 2024).</summary>
    public static int FiscalYear(DateTime date, Policy policy = null) {
      return CpdNative.policy_fiscal_year(Policy.HandleOf(policy), Values.Day(date));
    }

    /// <summary>The application window of a certification expiring on
    /// expiresOn (RULES.md R3), under the version in force on that day.</summary>
    public static WindowDates Window(DateTime expiresOn, Policy policy = null) {
      int opens, closes;
      CpdNative.policy_window(out opens, out closes, Policy.HandleOf(policy), Values.Day(expiresOn));
      return new WindowDates(Values.Date(opens), Values.Date(closes));
    }
  }
}
