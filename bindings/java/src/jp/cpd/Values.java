/*
 * Values.java - the library's numbers and days as Java values: points
 * (integer hundredths) as BigDecimal with the fewest decimals that are
 * exact ("31.5", "5", as the documents write them), day numbers as
 * LocalDate.
 */
package jp.cpd;

import java.math.BigDecimal;
import java.time.LocalDate;

final class Values {
  private Values() {}

  private static final BigDecimal[] SMALL = new BigDecimal[10001];

  /** Hundredths of a point as an exact BigDecimal (3150 -> 31.5). */
  static BigDecimal points(long hundredths) {
    if (hundredths >= 0 && hundredths < SMALL.length) {
      BigDecimal d = SMALL[(int) hundredths];
      if (d == null) {
        d = SMALL[(int) hundredths] = make(hundredths);
      }
      return d;
    }
    return make(hundredths);
  }

  private static BigDecimal make(long h) {
    if (h % 100 == 0) {
      return BigDecimal.valueOf(h / 100);
    }
    if (h % 10 == 0) {
      return BigDecimal.valueOf(h / 10, 1);
    }
    return BigDecimal.valueOf(h, 2);
  }

  /** points(), or null for CPD_NO_CAP (no cap, unlimited room). */
  static BigDecimal pointsOrNull(long hundredths) {
    return hundredths == CpdNativeConstants.NO_CAP ? null : points(hundredths);
  }

  /** A day number as a date; null for CPD_DAY_NONE. */
  static LocalDate date(int day) {
    return day == CpdNativeConstants.DAY_NONE ? null : LocalDate.ofEpochDay(day);
  }

  static int day(LocalDate d) {
    return Math.toIntExact(d.toEpochDay());
  }

  static Integer yearOrNull(int year) {
    return year == 0 ? null : year;
  }
}
