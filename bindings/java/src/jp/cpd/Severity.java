/*
 * Severity.java - how bad a diagnostic is.
 */
package jp.cpd;

/**
 * How bad a diagnostic is: FATAL makes an application ineligible, ERROR
 * incomplete (fixable); WARNING and INFO change nothing.
 */
public enum Severity {
  INFO, WARNING, ERROR, FATAL;

  private static final Severity[] BY_NATIVE = Names.table(
      Severity.class, NativeSeverity.values(), NativeSeverity::swigValue,
      CpdNative::severity_str);

  /** The document's spelling ("info"). */
  public String wireName() {
    return Names.wire(this);
  }

  @Override
  public String toString() {
    return wireName();
  }

  public static Severity fromWireName(String name) {
    return Names.fromWire(Severity.class, name);
  }

  static Severity fromNative(NativeSeverity s) {
    return BY_NATIVE[s.swigValue()];
  }
}
