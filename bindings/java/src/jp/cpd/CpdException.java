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
   * The error document of docs/JSON.md, {"error":{...}}, as
   * cpd_error_to_json writes it ("offset":null when unknown).
   */
  public String toJson() {
    StringBuilder b = new StringBuilder("{\"error\":{\"code\":");
    quote(b, code).append(",\"path\":");
    quote(b, path).append(",\"offset\":")
        .append(offset >= 0 ? Long.toString(offset) : "null")
        .append(",\"message\":");
    quote(b, messageEn).append(",\"message_ja\":");
    return quote(b, messageJa).append("}}").toString();
  }

  private static StringBuilder quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': b.append("\\\""); break;
        case '\\': b.append("\\\\"); break;
        case '\n': b.append("\\n"); break;
        case '\r': b.append("\\r"); break;
        case '\t': b.append("\\t"); break;
        case '\b': b.append("\\b"); break;
        case '\f': b.append("\\f"); break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"');
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
