/*
 * Limits.java - limits on one input document (RULES.md R14).
 */
package jp.cpd;

/**
 * Limits on one input document; 0 means the library's default
 * ({@link #DEFAULT_MAX_DOCUMENT_BYTES}, {@link #DEFAULT_MAX_ACTIVITIES},
 * {@link #DEFAULT_MAX_STRING_BYTES}).  Over a limit, a document is an
 * InputException with code "input.too_large".
 */
public record Limits(long maxDocumentBytes, long maxActivities,
                     long maxStringBytes) {
  /** The library's defaults. */
  public static final Limits DEFAULT = new Limits(0, 0, 0);

  /** The document size a 0 maxDocumentBytes stands for (4 MiB). */
  public static final long DEFAULT_MAX_DOCUMENT_BYTES =
      CpdNativeConstants.DEFAULT_MAX_DOCUMENT_BYTES;
  /** The activities a 0 maxActivities stands for (10,000). */
  public static final long DEFAULT_MAX_ACTIVITIES =
      CpdNativeConstants.DEFAULT_MAX_ACTIVITIES;
  /** The bytes of one string a 0 maxStringBytes stands for (4 KiB). */
  public static final long DEFAULT_MAX_STRING_BYTES =
      CpdNativeConstants.DEFAULT_MAX_STRING_BYTES;
  /** A policy document's own size limit (Policy.fromJson), 1 MiB:
   * a larger maxDocumentBytes does not raise it. */
  public static final long POLICY_MAX_BYTES =
      CpdNativeConstants.POLICY_MAX_BYTES;
  /** The entries of each list in a policy document (5,000). */
  public static final long POLICY_MAX_LIST = CpdNativeConstants.POLICY_MAX_LIST;
  /** The dated versions of a policy document (64). */
  public static final long POLICY_MAX_VERSIONS =
      CpdNativeConstants.POLICY_MAX_VERSIONS;

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
