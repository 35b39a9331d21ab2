/*
 * CpdException.java - a libcpd call failed: the checked exception of the
 * binding, with the library's stable code, JSON Pointer path, byte offset
 * and messages.  The text names fields and never echoes their values, so
 * it never carries the applicant's personal data.
 *
 * Subclasses by cpd_status: InputException (CPD_EINPUT), PolicyException
 * (CPD_EPOLICY); CPD_ENOMEM and CPD_EINVAL are this class with status().
 */
package jp.cpd;

import java.nio.charset.StandardCharsets;

public class CpdException extends Exception {
  private static final long serialVersionUID = 1L;

  /** cpd_status values (include/cpd.h). */
  public static final int ENOMEM = -1;
  public static final int EINPUT = -2;
  public static final int EPOLICY = -3;
  public static final int EINVAL = -4;

  private final int status;
  private final String code;
  private final String path;
  private final long offset;
  private final String messageEn;
  private final String messageJa;

  public CpdException(int status, String code, String path, long offset,
                      String message, String messageJa) {
    super(describe(code, path, offset, message));
    this.status = status;
    this.code = code;
    this.path = path;
    this.offset = offset;
    this.messageEn = message;
    this.messageJa = messageJa;
  }

  private static String describe(String code, String path, long offset,
                                 String message) {
    StringBuilder b = new StringBuilder(code.isEmpty() ? "error" : code);
    if (!path.isEmpty()) {
      b.append(" at ").append(path);
    }
    if (offset >= 0) {
      b.append(" (byte ").append(offset).append(')');
    }
    return b.append(": ").append(message).toString();
  }

  /** The C status (negative): ENOMEM, EINPUT, EPOLICY or EINVAL. */
  public int status() {
    return status;
  }

  /** Stable code, e.g. "input.duplicate_key"; "" where only a status. */
  public String code() {
    return code;
  }

  /** JSON Pointer into the document ("" for the root). */
  public String path() {
    return path;
  }

  /** Byte offset in the document, -1 if unknown. */
  public long offset() {
    return offset;
  }

  /** The English message alone (getMessage() adds code and path). */
  public String messageEn() {
    return messageEn;
  }

  /** The Japanese message. */
  public String messageJa() {
    return messageJa;
  }

  /**
   * The error document of docs/JSON.md, {"error":{...}}, as
   * cpd_error_to_json writes it ("offset":null when unknown).
   */
  public String toJson() {
    return "{\"error\":{\"code\":" + Json.quote(code) + ",\"path\":"
        + Json.quote(path) + ",\"offset\":"
        + (offset >= 0 ? Long.toString(offset) : "null") + ",\"message\":"
        + Json.quote(messageEn) + ",\"message_ja\":" + Json.quote(messageJa)
        + "}}";
  }

  /* Called from the JNI module (cpd_java.swg) to make the exception. */
  static CpdException fromNative(int status, byte[] code, byte[] path,
                                 long offset, byte[] message,
                                 byte[] messageJa) {
    String c = utf8(code), p = utf8(path), m = utf8(message);
    String j = utf8(messageJa);
    switch (status) {
      case EINPUT:
        return new InputException(status, c, p, offset, m, j);
      case EPOLICY:
        return new PolicyException(status, c, p, offset, m, j);
      default:
        return new CpdException(status, c, p, offset, m, j);
    }
  }

  private static String utf8(byte[] b) {
    return b == null ? "" : new String(b, StandardCharsets.UTF_8);
  }
}
