/*
 * WindowStatus.java - where a day falls in the application window.
 */
package jp.cpd;

/** Where a day falls in the application window (RULES.md R3). */
public enum WindowStatus {
  NOT_YET_OPEN, OPEN, CLOSED;

  private static final WindowStatus[] BY_NATIVE = Names.table(
      WindowStatus.class, NativeWindowStatus.values(),
      NativeWindowStatus::swigValue, CpdNative::window_status_str);

  /** The document's spelling ("not_yet_open"). */
  public String wireName() {
    return Names.wire(this);
  }

  @Override
  public String toString() {
    return wireName();
  }

  public static WindowStatus fromWireName(String name) {
    return Names.fromWire(WindowStatus.class, name);
  }

  static WindowStatus fromNative(NativeWindowStatus s) {
    return BY_NATIVE[s.swigValue()];
  }
}
