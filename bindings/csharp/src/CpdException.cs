// CpdException.cs - a libcpd call failed: the library's stable code, JSON
// Pointer path, byte offset and messages.  The text names fields and never
// echoes their values, so it never carries the applicant's personal data.
// Subclasses by status: InputException (EInput), PolicyException (EPolicy);
// ENoMem and EInval are this class with Status.
using System;
using System.Text;

namespace Jp.Cpd {
  public class CpdException : Exception {
    public CpdException(Status status, string code, string path, long offset,
                        string message, string messageJa)
        : base(Describe(code, path, offset, message)) {
      Status = status;
      Code = code;
      Path = path;
      Offset = offset;
      MessageEn = message;
      MessageJa = messageJa;
    }

    /// <summary>The C status: ENoMem, EInput, EPolicy or EInval.</summary>
    public Status Status { get; private set; }
    /// <summary>Stable code, e.g. "input.duplicate_key"; "" where only a status.</summary>
    public string Code { get; private set; }
    /// <summary>JSON Pointer into the document ("" for the root).</summary>
    public string Path { get; private set; }
    /// <summary>Byte offset in the document, -1 if unknown.</summary>
    public long Offset { get; private set; }
    /// <summary>The English message alone (Message adds code and path).</summary>
    public string MessageEn { get; private set; }
    public string MessageJa { get; private set; }
    /// <summary>For batches and audits: the 1-based input line; 0 otherwise.</summary>
    public long Line { get; internal set; }

    static string Describe(string code, string path, long offset, string message) {
      StringBuilder b = new StringBuilder(code.Length == 0 ? "error" : code);
      if (path.Length > 0) b.Append(" at ").Append(path);
      if (offset >= 0) b.Append(" (byte ").Append(offset).Append(')');
      return b.Append(": ").Append(message).ToString();
    }

    /// <summary>The error document of docs/JSON.md, {"error":{...}},
    /// written by the library (cpd_error_to_json) as every error document
    /// ("offset":null when unknown).</summary>
    public string ToJson() {
      byte[] c = Encoding.UTF8.GetBytes(Code), p = Encoding.UTF8.GetBytes(Path);
      byte[] m = Encoding.UTF8.GetBytes(MessageEn), j = Encoding.UTF8.GetBytes(MessageJa);
      return Encoding.UTF8.GetString(CpdNative.error_to_json(
          c, (ulong)c.Length, p, (ulong)p.Length, Offset, m, (ulong)m.Length,
          j, (ulong)j.Length));
    }

    // Made by the native module's callback (cpd_csharp.swg).
    internal static CpdException FromNative(int status, string code, string path,
                                            long offset, string message, string messageJa) {
      Status s = (Status)status;
      switch (s) {
        case Status.EInput: return new InputException(s, code, path, offset, message, messageJa);
        case Status.EPolicy: return new PolicyException(s, code, path, offset, message, messageJa);
        default: return new CpdException(s, code, path, offset, message, messageJa);
      }
    }
  }

  /// <summary>The application cannot be evaluated (RULES.md R14): not JSON,
  /// too large, a duplicate key, applied_on or the expiry date missing or
  /// invalid, ...; Code is one of the input.* codes.</summary>
  public class InputException : CpdException {
    public InputException(Status status, string code, string path, long offset,
                          string message, string messageJa)
        : base(status, code, path, offset, message, messageJa) {}
  }

  /// <summary>A policy document is refused: Code "policy.invalid", Path
  /// says where in the policy.</summary>
  public class PolicyException : CpdException {
    public PolicyException(Status status, string code, string path, long offset,
                           string message, string messageJa)
        : base(status, code, path, offset, message, messageJa) {}
  }
}
