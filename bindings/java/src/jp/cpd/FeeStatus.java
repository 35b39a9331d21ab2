/*
 * FeeStatus.java - what the bank's record says of an application's fee, as
 * `cpd reconcile` decides it (cpd_fee_status).
 */
package jp.cpd;

/**
 * The fee's status: paid, unpaid, ambiguous (several payments, or one
 * payment naming several applicants), amount_differs, outside_window, or
 * unclaimed (a payment naming nobody).
 */
public enum FeeStatus {
  PAID, UNPAID, AMBIGUOUS, AMOUNT_DIFFERS, OUTSIDE_WINDOW, UNCLAIMED;

  private static final FeeStatus[] BY_NATIVE = Names.table(
      FeeStatus.class, NativeFeeStatus.values(), NativeFeeStatus::swigValue,
      CpdNative::fee_status_str);

  /** The reconcile documents' spelling ("amount_differs"), the library's. */
  public String wireName() {
    return Names.wire(this);
  }

  @Override
  public String toString() {
    return wireName();
  }

  /**
   * The constant for a reconcile document's spelling ("amount_differs"),
   * read by the library (cpd_fee_status_parse).
   *
   * @throws IllegalArgumentException for another name
   */
  public static FeeStatus fromWireName(String name) {
    if (name == null) {
      throw new NullPointerException("name");
    }
    try {
      return BY_NATIVE[CpdNative.fee_status_parse(name)];
    } catch (CpdException e) {
      throw new IllegalArgumentException("not a FeeStatus: " + name, e);
    }
  }

  /** Its words in English and Japanese (cpd_fee_status_label). */
  public Label label() {
    return Label.of(CpdNative.fee_status_label(NativeFeeStatus.swigToEnum(ordinal())));
  }
}
