// Audit.cs - the annual audit (年次監査, RULES.md R16): a deterministic,
// seedable selection of holders.  A holder is selected when the keyed hash
// (SipHash-2-4 keyed by the seed) of the normalised certification number
// falls under the rate, so the same seed selects the same people whatever
// the roster order.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Jp.Cpd {
  /// <summary>One holder, in roster order: the number as normalised (NFKC),
  /// the qualification (null when the line gives none), whether selected
  /// and why ("sampled", "stratum", "included", "not_sampled"), the keyed
  /// hash and the 1-based roster line.</summary>
  public sealed class AuditEntry {
    internal AuditEntry(string number, string qualification, bool selected, string reason,
                        ulong hash, long line) {
      Number = number; Qualification = qualification; Selected = selected;
      Reason = reason; Hash = hash; Line = line;
    }
    public string Number { get; private set; }
    public string Qualification { get; private set; }
    public bool Selected { get; private set; }
    public string Reason { get; private set; }
    public ulong Hash { get; private set; }
    public long Line { get; private set; }
  }

  /// <summary>How to select: the rate (exact: "0.05", "5%"), the seed,
  /// stratify, numbers always included, and whether bad lines are
  /// collected (as `cpd audit` does) instead of thrown.</summary>
  public sealed class AuditOptions {
    public AuditOptions(string rate, ulong seed) {
      RatePpm = ParseRate(rate);
      Seed = seed;
      Include = new List<string>();
    }
    public uint RatePpm { get; private set; }
    public ulong Seed { get; private set; }
    public bool Stratify { get; set; }
    public bool CollectErrors { get; set; }
    public IList<string> Include { get; private set; }

    // read by the library, exactly as `cpd audit --rate` reads it
    static uint ParseRate(string rate) {
      if (rate == null) throw new ArgumentNullException("rate");
      byte[] b = Encoding.UTF8.GetBytes(rate);
      uint ppm;
      try {
        CpdNative.audit_rate_parse(out ppm, b, (ulong)b.Length);
      } catch (CpdException e) {
        throw new ArgumentException("rate " + rate + ": " + e.MessageEn, e);
      }
      return ppm;
    }

    internal NativeAuditOptions ToNative() {
      var o = new NativeAuditOptions();
      o.rate_ppm = RatePpm;
      o.seed = Seed;
      o.stratify = Stratify ? 1 : 0;
      foreach (string n in Include) {
        if (string.IsNullOrWhiteSpace(n))
          throw new ArgumentException("Include holds an empty certification number");
        byte[] b = Encoding.UTF8.GetBytes(n);
        o.include_add(b, (ulong)b.Length);
      }
      return o;
    }
  }

  /// <summary>The holders in roster order, and the bad lines left out.</summary>
  public sealed class AuditSelection {
    internal AuditSelection(IReadOnlyList<AuditEntry> entries, IReadOnlyList<InputException> errors) {
      Entries = entries; Errors = errors;
    }
    public IReadOnlyList<AuditEntry> Entries { get; private set; }
    public IReadOnlyList<InputException> Errors { get; private set; }
    public IReadOnlyList<AuditEntry> Selected {
      get {
        var l = new List<AuditEntry>();
        foreach (AuditEntry e in Entries) if (e.Selected) l.Add(e);
        return l.AsReadOnly();
      }
    }
  }

  internal sealed class AuditRun : IDisposable {
    readonly NativeAudit audit;
    readonly bool collect;
    readonly List<long> lineOf = new List<long>();
    readonly List<InputException> errors = new List<InputException>();

    internal AuditRun(AuditOptions o) {
      using (NativeAuditOptions n = o.ToNative()) audit = CpdNative.audit_new(n);
      collect = o.CollectErrors;
    }

    internal void Add(byte[] json, long line) {
      try {
        CpdNative.audit_add_json(audit, json, (ulong)json.Length);
        lineOf.Add(line);
      } catch (InputException e) {
        Bad(e, line);
      }
    }

    internal void Bad(InputException e, long line) {
      e.Line = line;
      if (!collect) throw e;
      errors.Add(e);
    }

    internal AuditSelection Finish() {
      CpdNative.audit_finish(audit);
      var list = new List<AuditEntry>();
      for (ulong i = 0, n = CpdNative.audit_count(audit); i < n; i++) {
        NativeAuditEntry e = CpdNative.audit_entry_at(audit, i);
        string q = e.qualification;
        list.Add(new AuditEntry(e.number, string.IsNullOrEmpty(q) ? null : q, e.selected != 0,
                                e.reason, e.hash, lineOf[(int)i]));
      }
      return new AuditSelection(list.AsReadOnly(), errors.AsReadOnly());
    }

    public void Dispose() { audit.Dispose(); }

    internal static AuditSelection Run(IEnumerable<string> roster, AuditOptions options) {
      using (var r = new AuditRun(options)) {
        long n = 0;
        foreach (string line in roster) {
          n++;
          string t = line.TrimEnd('\n').TrimEnd('\r');
          if (t.Trim(' ', '\t', '\r').Length == 0) continue;
          r.Add(Encoding.UTF8.GetBytes(t), n);
        }
        return r.Finish();
      }
    }

    internal static AuditSelection Run(Stream input, AuditOptions options) {
      using (var r = new AuditRun(options)) {
        foreach (NdjsonLine l in Checker.ReadLines(input, 0)) {
          if (l.TooLong != null)
            r.Bad(l.TooLong, l.Number);
          else
            r.Add(l.Bytes, l.Number);
        }
        return r.Finish();
      }
    }
  }
}
