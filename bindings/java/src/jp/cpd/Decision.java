/*
 * Decision.java - the outcome of a check (RULES.md R15).
 */
package jp.cpd;

/** The outcome of a check: eligible, incomplete (fixable) or ineligible. */
public enum Decision {
  ELIGIBLE, INCOMPLETE, INELIGIBLE;

  private static final Decision[] BY_NATIVE = Names.table(
      Decision.class, NativeDecision.values(), NativeDecision::swigValue,
      CpdNative::decision_str);

  /** The document's spelling ("eligible"), the library's own name. */
  public String wireName() {
    return Names.wire(this);
  }

  @Override
  public String toString() {
    return wireName();
  }

  /** The constant for a document's spelling ("eligible"). */
  public static Decision fromWireName(String name) {
    return Names.fromWire(Decision.class, name);
  }

  static Decision fromNative(NativeDecision d) {
    return BY_NATIVE[d.swigValue()];
  }
}
