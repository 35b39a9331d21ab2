// Values.cs - the library's numbers and days as .NET values: points
// (integer hundredths) as decimal with the fewest decimals that are exact
// (31.5, 5: as the documents write them), day numbers as DateTime (Mono's
// class library has no DateOnly; a date is a DateTime at midnight, Kind
// Unspecified).
using System;

namespace Jp.Cpd {
  internal static class Values {
    static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    internal static decimal Points(long hundredths) {
      bool neg = hundredths < 0;
      ulong m = neg ? (ulong)(-(hundredths + 1)) + 1 : (ulong)hundredths;
      byte scale = 2;
      while (scale > 0 && m % 10 == 0) {
        m /= 10;
        scale--;
      }
      return new decimal((int)(uint)m, (int)(uint)(m >> 32), 0, neg, scale);
    }

    /// <summary>Points, or null for CPD_NO_CAP (no cap, unlimited).</summary>
    internal static decimal? PointsOrNull(long hundredths) {
      if (hundredths == CpdNative.NO_CAP) return null;
      return Points(hundredths);
    }

    internal static DateTime Date(int day) {
      return Epoch.AddDays(day);
    }

    internal static DateTime? DateOrNull(int day) {
      if (day == CpdNative.DAY_NONE) return null;
      return Epoch.AddDays(day);
    }

    internal static int Day(DateTime d) {
      return checked((int)(d.Date - Epoch).TotalDays);
    }

    internal static int? YearOrNull(int year) {
      if (year == 0) return null;
      return year;
    }
  }
}
