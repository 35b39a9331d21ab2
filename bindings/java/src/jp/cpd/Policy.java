/*
 * Policy.java - a policy (docs/JSON.md "Policy document"), owning native
 * memory: close it (try-with-resources) when done; a Cleaner frees one that
 * was forgotten.  Immutable once made, so one Policy may serve any number
 * of threads checking at once; do not close it while they do.
 */
package jp.cpd;

import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

public final class Policy implements AutoCloseable {
  private static final Cleaner CLEANER = Cleaner.create();

  private final NativePolicy handle;
  private final Cleaner.Cleanable cleanable;
  private volatile boolean closed;

  private Policy(NativePolicy handle) {
    this.handle = handle;
    // The action holds the native handle, never this Policy.
    this.cleanable = CLEANER.register(this, handle::delete);
  }

  /** The built-in default policy (the rules of RULES.md). */
  public static Policy defaults() throws CpdException {
    return new Policy(CpdNative.policy_default());
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
    if (utf8 == null) {
      throw new NullPointerException("utf8");
    }
    return new Policy(CpdNative.policy_load_json(utf8, null));
  }

  /** The complete policy document. */
  public String toJson() throws CpdException {
    return new String(CpdNative.policy_to_json(handle()),
                      StandardCharsets.UTF_8);
  }

  /** Fiscal year of a day under this policy. */
  public int fiscalYear(LocalDate date) {
    return Cpd.fiscalYear(date, this);
  }

  /** Frees the native policy; further use throws IllegalStateException. */
  @Override
  public void close() {
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
}
