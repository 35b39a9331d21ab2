/*
 * ActivityStatus.java - how much of an activity counts.
 */
package jp.cpd;

/** How much of an activity counts. */
public enum ActivityStatus {
  COUNTED, PARTIALLY_COUNTED, CAPPED, REJECTED;

  private static final ActivityStatus[] BY_NATIVE = Names.table(
      ActivityStatus.class, NativeActivityStatus.values(),
      NativeActivityStatus::swigValue, CpdNative::activity_status_str);

  /** The document's spelling ("partially_counted"). */
  public String wireName() {
    return Names.wire(this);
  }

  @Override
  public String toString() {
    return wireName();
  }

  public static ActivityStatus fromWireName(String name) {
    return Names.fromWire(ActivityStatus.class, name);
  }

  static ActivityStatus fromNative(NativeActivityStatus s) {
    return BY_NATIVE[s.swigValue()];
  }
}
