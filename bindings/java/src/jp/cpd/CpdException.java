/*
 * CpdException.java - a libcpd call failed: the checked exception of the
 * binding, with the library's stable code, JSON Pointer path, byte offset
 * and messages.  The text names fields and never echoes their values, so
 * it never carries the applicant's personal data.
 *
 * Subclasses by cpd_status: InputException (EINPUT), PolicyException
 * (EPOLICY); ENOMEM and EINVAL are this class with status().
 */
package jp.cpd;

import java.nio.charset.StandardCharsets;

public class CpdException extends Exception {
  private static final long serialVersionUID = 2L;

  private final Status status;
  private final String code;
  private final String path;
  private final long offset;
  private final String messageEn;
  private final String messageJa;
  private long line;

  public CpdException(Status status, String code, String path, long offset,
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

  /** The C status: ENOMEM, EINPUT, EPOLICY or EINVAL. */
  public Status status() {
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

  /** For Cpd.batch and audits: the 1-based input line; 0 otherwise. */
  public long line() {
    return line;
  }

  CpdException atLine(long n) {
    line = n;
    return this;
  }

  /**
   * The error document of docs/JSON.md, {"error":{...}}, written by the
   * library (cpd_error_to_json) as every error document ("offset":null
   * when unknown).
   */
  public String toJson() {
    byte[] c = code.getBytes(StandardCharsets.UTF_8);
    byte[] p = path.getBytes(StandardCharsets.UTF_8);
    byte[] m = messageEn.getBytes(StandardCharsets.UTF_8);
    byte[] j = messageJa.getBytes(StandardCharsets.UTF_8);
    try {
      return new String(CpdNative.error_to_json(c, p, offset, m, j),
                        StandardCharsets.UTF_8);
    } catch (CpdException e) { // only when the library is out of memory
      throw new OutOfMemoryError(e.getMessage());
    }
  }

  /* Called from the JNI module (cpd_java.swg) to make the exception. */
  static CpdException fromNative(int status, byte[] code, byte[] path,
                                 long offset, byte[] message,
                                 byte[] messageJa) {
    String c = utf8(code), p = utf8(path), m = utf8(message);
    String j = utf8(messageJa);
    Status s = Status.fromCode(status);
    switch (s) {
      case EINPUT:
        return new InputException(s, c, p, offset, m, j);
      case EPOLICY:
        return new PolicyException(s, c, p, offset, m, j);
      default:
        return new CpdException(s, c, p, offset, m, j);
    }
  }

  private static String utf8(byte[] b) {
    return b == null ? "" : new String(b, StandardCharsets.UTF_8);
  }
}
