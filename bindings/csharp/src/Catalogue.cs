// Catalogue.cs - the library's catalogue as .NET values: every code it can
// report (cpd_code_*), the rules R1-R16 (cpd_rule_*), the fields of the
// application document (cpd_field_*), and Explain of a code or rule.
using System;
using System.Collections.Generic;
using System.Text;

namespace Jp.Cpd {
  public enum CodeKind { Diagnostic, InputError, CallError }
  public enum FieldKind { Text, Date, Number, Bool, TextList, Object, Array }
  public enum Redaction { None, Initials, Prefecture, PostalCode, Phone, Email, Withhold }

  /// <summary>A code the library can report: Severity is a diagnostic's
  /// (null for errors), Rule the rule it comes from (null for call errors).</summary>
  public sealed class CodeInfo {
    internal CodeInfo(NativeCodeInfo c) {
      Code = c.code;
      Kind = (CodeKind)(int)c.kind;
      Severity = Kind == CodeKind.Diagnostic ? WireNames.Of(c.severity) : (Severity?)null;
      Rule = string.IsNullOrEmpty(c.rule) ? null : c.rule;
      Summary = c.summary;
      SummaryJa = c.summary_ja;
    }
    public string Code { get; private set; }
    public CodeKind Kind { get; private set; }
    public Severity? Severity { get; private set; }
    public string Rule { get; private set; }
    public string Summary { get; private set; }
    public string SummaryJa { get; private set; }
  }

  /// <summary>One of the rules R1-R16: its title, the words of the form or
  /// CPD policy it comes from (SourceJa), the rule as libcpd applies it,
  /// the policy keys that set it and an example.</summary>
  public sealed class RuleInfo {
    internal RuleInfo(NativeRuleInfo r) {
      Id = r.id; Title = r.title; TitleJa = r.title_ja; SourceJa = r.source_ja;
      Text = r.text; TextJa = r.text_ja; PolicyKeys = r.policy_keys;
      Example = r.example; ExampleJa = r.example_ja;
    }
    public string Id { get; private set; }
    public string Title { get; private set; }
    public string TitleJa { get; private set; }
    public string SourceJa { get; private set; }
    public string Text { get; private set; }
    public string TextJa { get; private set; }
    public string PolicyKeys { get; private set; }
    public string Example { get; private set; }
    public string ExampleJa { get; private set; }
  }

  /// <summary>One field of the application document, declared once in the
  /// library (Pointer "/activities/-/hours" for an activity's).</summary>
  public sealed class FieldInfo {
    internal FieldInfo(NativeFieldInfo f) {
      Pointer = f.pointer; Key = f.key; Kind = (FieldKind)(int)f.kind;
      Required = f.required != 0; Personal = f.personal != 0;
      Redaction = (Redaction)(int)f.redaction; Label = f.label; LabelJa = f.label_ja;
      string h = f.csv_headers;
      CsvHeaders = h == null ? new string[0] : h.Split('|');
    }
    public string Pointer { get; private set; }
    public string Key { get; private set; }
    public FieldKind Kind { get; private set; }
    public bool Required { get; private set; }
    public bool Personal { get; private set; }
    public Redaction Redaction { get; private set; }
    public string Label { get; private set; }
    public string LabelJa { get; private set; }
    public IReadOnlyList<string> CsvHeaders { get; private set; }
  }

  /// <summary>What a code or rule means: Code is null for a rule ID, Rule
  /// null for a code that comes from no rule.</summary>
  public sealed class Explanation {
    internal Explanation(CodeInfo code, RuleInfo rule) { Code = code; Rule = rule; }
    public CodeInfo Code { get; private set; }
    public RuleInfo Rule { get; private set; }
    /// <summary>The document cpd_explain_json writes for the same name.</summary>
    public string ToJson() {
      return Encoding.UTF8.GetString(CpdNative.explain_json(Code != null ? Code.Code : Rule.Id));
    }
  }
}
