/*
 * Names.java - the public enums' tie to the library's: each constant is
 * found by the library's own name for the C value (cpd_decision_str, ...),
 * so a mismatch with cpd.h fails when the enum is first used.
 */
package jp.cpd;

import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToIntFunction;

final class Names {
  private Names() {}

  static <E extends Enum<E>, N> E[] table(Class<E> type, N[] natives,
                                          ToIntFunction<N> value,
                                          Function<N, String> name) {
    E[] out = java.util.Arrays.copyOf(type.getEnumConstants(), natives.length);
    java.util.Arrays.fill(out, null);
    for (N n : natives) {
      out[value.applyAsInt(n)] = Enum.valueOf(type,
          name.apply(n).toUpperCase(Locale.ROOT));
    }
    return out;
  }

  static String wire(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> E fromWire(Class<E> type, String name) {
    if (name == null) {
      throw new NullPointerException("name");
    }
    for (E e : type.getEnumConstants()) {
      if (wire(e).equals(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + name);
  }
}
