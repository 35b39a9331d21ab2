/*
 * Policy.java - a policy (docs/JSON.md "Policy document"), owning native
 * memory: close it (try-with-resources) when done; a Cleaner frees one that
 * was forgotten.  Immutable once made, so one Policy may serve any number
 * of threads checking at once (each keeps a Checker of its own for
 * Cpd.check); do not close it while they do.
 */
package jp.cpd;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public final class Policy implements AutoCloseable {
  static final Cleaner CLEANER = Cleaner.create();

  /** The built-in default, shared by every check given no policy. */
  private static volatile Policy shared;

  private final NativePolicy handle;
  private final Cleaner.Cleanable cleanable;
  private final ThreadLocal<Checker> checkers = new ThreadLocal<>();
  private volatile boolean closed;
  private volatile List<PolicyVersion> versions;

  private Policy(NativePolicy handle) {
    this.handle = handle;
    // The action holds the native handle, never this Policy.
    this.cleanable = CLEANER.register(this, handle::delete);
  }

  /** The built-in default policy (the rules of RULES.md). */
  public static Policy defaults() throws CpdException {
    return new Policy(CpdNative.policy_default());
  }

  /** The default policy of checks given none (never closed). */
  static Policy shared() throws CpdException {
    Policy p = shared;
    if (p == null) {
      synchronized (Policy.class) {
        p = shared;
        if (p == null) {
          p = shared = defaults();
        }
      }
    }
    return p;
  }

  /**
   * A policy document (JSON text) merged over the default.
   *
   * @throws PolicyException the document contradicts itself
   *     (code() "policy.invalid", path() says where)
   * @throws InputException the document is not valid JSON
   */
  public static Policy fromJson(String json) throws CpdException {
    return fromJson(json.getBytes(StandardCharsets.UTF_8));
  }

  /** fromJson of UTF-8 bytes. */
  public static Policy fromJson(byte[] utf8) throws CpdException {
    return fromJson(utf8, null);
  }

  /** fromJson of UTF-8 bytes under limits (null: the defaults). */
  public static Policy fromJson(byte[] utf8, Limits limits)
      throws CpdException {
    if (utf8 == null) {
      throw new NullPointerException("utf8");
    }
    NativeLimits l = Limits.toNative(limits);
    try {
      return new Policy(CpdNative.policy_load_json(utf8, l));
    } finally {
      if (l != null) {
        l.delete();
      }
    }
  }

  /** fromJson of a file's contents. */
  public static Policy fromFile(Path path) throws CpdException, IOException {
    return fromJson(Files.readAllBytes(path));
  }

  /** The complete policy document. */
  public String toJson() throws CpdException {
    return new String(CpdNative.policy_to_json(handle()),
                      StandardCharsets.UTF_8);
  }

  /**
   * The policy's versions, oldest first; a policy without dated versions
   * has one.  A check uses the newest version whose effectiveFrom is on
   * or before applied_on (or the oldest when it precedes them all).
   * Read once per policy (cpd_policy_version_count / _at) and kept.
   */
  public List<PolicyVersion> versions() throws CpdException {
    List<PolicyVersion> v = versions;
    if (v == null) {
      v = versions = readVersions();
    }
    return v;
  }

  /** The policy's name; with dated versions, the newest version's. */
  public String name() throws CpdException {
    List<PolicyVersion> v = versions();
    return v.get(v.size() - 1).name();
  }

  private List<PolicyVersion> readVersions() throws CpdException {
    NativePolicy h = handle();
    try {
      long n = CpdNative.policy_version_count(h);
      List<PolicyVersion> out = new ArrayList<>();
      int[] from = new int[1];
      for (long i = 0; i < n; i++) {
        String name = CpdNative.policy_version_at(h, i, from); // copied
        out.add(new PolicyVersion(name, Values.date(from[0])));
      }
      return Collections.unmodifiableList(out);
    } finally {
      Reference.reachabilityFence(this); // the Cleaner frees h after this
    }
  }

  /** Fiscal year of a day under this policy. */
  public int fiscalYear(LocalDate date) {
    return Cpd.fiscalYear(date, this);
  }

  /** Cpd.window(expiresOn, this). */
  public Cpd.WindowDates window(LocalDate expiresOn) throws CpdException {
    return Cpd.window(expiresOn, this);
  }

  /** This thread's checker under this policy (made on first use). */
  Checker localChecker() throws CpdException {
    Checker c = checkers.get();
    if (c == null || c.isClosed()) {
      c = Checker.forThread(this);
      checkers.set(c);
    }
    return c;
  }

  boolean isClosed() {
    return closed;
  }

  /** Frees the native policy; further use throws IllegalStateException. */
  @Override
  public void close() {
    if (this == shared) {
      return; // the default of checks given no policy stays
    }
    closed = true;
    cleanable.clean();
  }

  NativePolicy handle() {
    if (closed) {
      throw new IllegalStateException("the policy is closed");
    }
    return handle;
  }

  static NativePolicy handleOf(Policy p) {
    return p == null ? null : p.handle();
  }

  @Override
  public String toString() {
    try {
      return "Policy[" + name() + "]";
    } catch (CpdException | IllegalStateException e) {
      return "Policy[?]";
    }
  }
}
