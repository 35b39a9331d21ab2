/*
 * Status.java - cpd_status, the outcome of a library call, with the
 * numbers SWIG reads from include/cpd.h.
 */
package jp.cpd;

/** cpd_status: the outcome of a library call. */
public enum Status {
  /** The call succeeded. */
  OK(NativeStatus.OK),
  /** An allocation failed; nothing was leaked. */
  ENOMEM(NativeStatus.ENOMEM),
  /** The application (or policy) document cannot be evaluated. */
  EINPUT(NativeStatus.EINPUT),
  /** The policy document is refused (policy.invalid). */
  EPOLICY(NativeStatus.EPOLICY),
  /** The caller passed an invalid argument. */
  EINVAL(NativeStatus.EINVAL);

  private final int code;

  Status(NativeStatus s) {
    this.code = s.swigValue();
  }

  /** The C value (0, or negative for an error). */
  public int code() {
    return code;
  }

  /** The library's text for it ("out of memory"). */
  public String text() {
    return CpdNative.status_str(NativeStatus.swigToEnum(code));
  }

  static Status fromCode(int code) {
    for (Status s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("not a cpd_status: " + code);
  }
}
