/*
 * Audit.java - the annual audit (年次監査, RULES.md R16): a deterministic,
 * seedable selection of holders.  A holder is selected when the keyed
 * hash (SipHash-2-4 keyed by the seed) of the normalised certification
 * number falls under the rate, so the same seed selects the same people
 * whatever the roster order.
 *
 *   Audit.Selection s = Cpd.audit(roster,
 *       new Audit.Options().rate("0.05").seed(20270401L));
 *   s.selected();   // the holders to audit, in roster order
 */
package jp.cpd;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public final class Audit {
  private Audit() {}

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /**
   * One holder, in roster order: the certification number as normalised
   * (NFKC), the qualification (null when the line gives none), whether
   * selected and why ("sampled", "stratum", "included", "not_sampled"),
   * the keyed hash (unsigned 64 bits: Long.toUnsignedString) and the
   * 1-based roster line.
   */
  public record Entry(String number, String qualification, boolean selected,
                      String reason, long hash, long line) {}

  /** The holders in roster order, and the bad lines left out. */
  public record Selection(List<Entry> entries, List<InputException> errors) {
    /** The selected holders only, in roster order. */
    public List<Entry> selected() {
      List<Entry> out = new ArrayList<>();
      for (Entry e : entries) {
        if (e.selected()) {
          out.add(e);
        }
      }
      return Collections.unmodifiableList(out);
    }
  }

  /** How to select: rate, seed, stratify, numbers always included. */
  public static final class Options {
    private long ratePpm = -1;
    private long seed;
    private boolean seedSet;
    private boolean stratify;
    private boolean collectErrors;
    private final List<String> include = new ArrayList<>();

    /**
     * The rate from 0 to 1, exactly: "0.05" or "5%"; refused when finer
     * than a millionth.
     */
    public Options rate(String rate) {
      // read by the library, exactly as `cpd audit --rate` reads it
      try {
        ratePpm = CpdNative.audit_rate_parse(
            rate.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (CpdException e) {
        throw new IllegalArgumentException("rate " + rate + ": " + e.messageEn(), e);
      }
      return this;
    }

    /** The rate from 0 to 1, exactly (a whole number of millionths). */
    public Options rate(BigDecimal rate) {
      if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("rate must be from 0 to 1, not " + rate);
      }
      BigDecimal ppm = rate.multiply(MILLION);
      try {
        ratePpm = ppm.toBigIntegerExact().longValueExact();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("rate " + rate
            + " is not a whole number of millionths (at most 6 decimals)");
      }
      return this;
    }

    /** The seed, as an unsigned 64-bit number (write it down). */
    public Options seed(long seed) {
      this.seed = seed;
      this.seedSet = true;
      return this;
    }

    /** Take exactly ceil(rate * n) of each qualification. */
    public Options stratify(boolean on) {
      this.stratify = on;
      return this;
    }

    /** Certification numbers always selected (reason "included"). */
    public Options include(String... numbers) {
      for (String n : numbers) {
        if (n == null || n.isBlank()) {
          throw new IllegalArgumentException("include holds an empty certification number");
        }
        include.add(n);
      }
      return this;
    }

    /**
     * Leave bad roster lines out and list them in Selection.errors(), as
     * `cpd audit` does (default: the first bad line throws).
     */
    public Options collectErrors(boolean on) {
      this.collectErrors = on;
      return this;
    }

    NativeAuditOptions toNative() throws CpdException {
      if (ratePpm < 0 || !seedSet) {
        throw new IllegalArgumentException("an audit needs a rate and a seed");
      }
      NativeAuditOptions o = new NativeAuditOptions();
      o.setRate_ppm(ratePpm);
      o.setSeed(unsigned(seed));
      o.setStratify(stratify ? 1 : 0);
      for (String n : include) {
        o.include_add(n.getBytes(StandardCharsets.UTF_8));
      }
      return o;
    }
  }

  static BigInteger unsigned(long v) {
    BigInteger b = BigInteger.valueOf(v);
    return v < 0 ? b.add(TWO_64) : b;
  }

  /** The keyed hash of a certification number (normalised first). */
  static long hash(String number, long seed) throws CpdException {
    BigInteger[] out = new BigInteger[1];
    CpdNative.audit_hash(out, number.getBytes(StandardCharsets.UTF_8),
                         unsigned(seed));
    return out[0].longValue();
  }

  /** Roster lines (JSON text), blank ones skipped but counted. */
  static Selection run(Iterable<String> roster, Options options)
      throws CpdException {
    Run r = new Run(options);
    try {
      long n = 0;
      for (String line : roster) {
        n++;
        String t = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        t = t.endsWith("\r") ? t.substring(0, t.length() - 1) : t;
        if (t.isBlank()) {
          continue;
        }
        r.add(t.getBytes(StandardCharsets.UTF_8), n);
      }
      return r.finish();
    } finally {
      r.close();
    }
  }

  /** A roster file (NDJSON) through the library's reader (cpd_lines). */
  static Selection run(InputStream in, Options options)
      throws CpdException, IOException {
    Run r = new Run(options);
    NativeLines lines = CpdNative.lines_new(0);
    try {
      LineReader reader = new LineReader();
      LineReader.Sink sink = (k, bytes, tooLong) -> {
        if (tooLong != null) {
          r.bad(tooLong, k);
        } else {
          r.add(bytes, k);
        }
      };
      while (reader.read(in, lines, sink)) {
        // every line handed to the sink
      }
      return r.finish();
    } finally {
      lines.delete();
      r.close();
    }
  }

  /** One selection in progress. */
  private static final class Run {
    final NativeAudit audit;
    final boolean collect;
    final List<Long> lineOf = new ArrayList<>();
    final List<InputException> errors = new ArrayList<>();

    Run(Options o) throws CpdException {
      NativeAuditOptions n = o.toNative();
      try {
        audit = CpdNative.audit_new(n);
      } finally {
        n.delete();
      }
      collect = o.collectErrors;
    }

    void add(byte[] json, long line) throws CpdException {
      try {
        CpdNative.audit_add_json(audit, json);
        lineOf.add(line);
      } catch (InputException e) {
        bad(e, line);
      }
    }

    void bad(InputException e, long line) throws InputException {
      e.atLine(line);
      if (!collect) {
        throw e;
      }
      errors.add(e);
    }

    Selection finish() throws CpdException {
      CpdNative.audit_finish(audit);
      long n = CpdNative.audit_count(audit);
      List<Entry> out = new ArrayList<>((int) n);
      for (long i = 0; i < n; i++) {
        NativeAuditEntry e = CpdNative.audit_entry_at(audit, i);
        String q = e.getQualification();
        out.add(new Entry(e.getNumber(), q == null || q.isEmpty() ? null : q,
                          e.getSelected() != 0, e.getReason(),
                          e.getHash().longValue(), lineOf.get((int) i)));
      }
      return new Selection(Collections.unmodifiableList(out),
                           Collections.unmodifiableList(errors));
    }

    void close() {
      audit.delete();
    }
  }
}
