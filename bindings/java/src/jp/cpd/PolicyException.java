/*
 * PolicyException.java - a policy document is refused: code()
 * "policy.invalid", path() says where in the policy.
 */
package jp.cpd;

public class PolicyException extends CpdException {
  private static final long serialVersionUID = 2L;

  public PolicyException(Status status, String code, String path, long offset,
                         String message, String messageJa) {
    super(status, code, path, offset, message, messageJa);
  }
}
