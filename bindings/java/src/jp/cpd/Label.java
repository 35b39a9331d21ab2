/*
 * Label.java - a value's words as the reports print them (cpd_label).
 */
package jp.cpd;

/**
 * The words of a value in English and Japanese: {@code name} as the
 * documents write it ("amount_differs"), {@code label} and {@code labelJa}
 * ("amount differs", "金額相違"), and a note saying what it means.
 */
public record Label(String name, String label, String labelJa, String note,
                    String noteJa) {
  static Label of(NativeLabel l) {
    return new Label(l.getName(), l.getLabel(), l.getLabel_ja(), l.getNote(),
                     l.getNote_ja());
  }
}
