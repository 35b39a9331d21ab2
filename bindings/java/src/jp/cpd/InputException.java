/*
 * InputException.java - the application cannot be evaluated (RULES.md R14):
 * not JSON, too large, a duplicate key, applied_on or the expiry date
 * missing or invalid, ...; code() is one of the input.* codes of JSON.md.
 */
package jp.cpd;

public class InputException extends CpdException {
  private static final long serialVersionUID = 2L;

  public InputException(Status status, String code, String path, long offset,
                        String message, String messageJa) {
    super(status, code, path, offset, message, messageJa);
  }
}
