/*
 * Limits.java - limits on one input document (RULES.md R14).
 */
package jp.cpd;

/**
 * Limits on one input document; 0 means the library's default (4 MiB,
 * 10,000 activities, 4 KiB a string).  Over a limit, a document is an
 * InputException with code "input.too_large".
 */
public record Limits(long maxDocumentBytes, long maxActivities,
                     long maxStringBytes) {
  /** The library's defaults. */
  public static final Limits DEFAULT = new Limits(0, 0, 0);

  public Limits {
    if (maxDocumentBytes < 0 || maxActivities < 0 || maxStringBytes < 0) {
      throw new IllegalArgumentException("limits are >= 0 (0: the default)");
    }
  }

  /** A native copy (the caller deletes it); null for null. */
  static NativeLimits toNative(Limits l) {
    if (l == null) {
      return null;
    }
    NativeLimits n = new NativeLimits();
    n.setMax_document_bytes(l.maxDocumentBytes);
    n.setMax_activities(l.maxActivities);
    n.setMax_string_bytes(l.maxStringBytes);
    return n;
  }
}
