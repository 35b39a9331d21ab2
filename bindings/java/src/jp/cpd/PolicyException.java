/*
 * PolicyException.java - the policy document is refused: it contradicts
 * itself (code() "policy.invalid", path() says where).
 */
package jp.cpd;

public class PolicyException extends CpdException {
  private static final long serialVersionUID = 1L;

  public PolicyException(int status, String code, String path, long offset,
                         String message, String messageJa) {
    super(status, code, path, offset, message, messageJa);
  }
}
