/*
 * Catalogue.java - the library's catalogue as Java values: every code it
 * can report (cpd_code_*), the rules R1-R16 (cpd_rule_*), the fields of
 * the application document (cpd_field_*), and explain() of a code or rule.
 */
package jp.cpd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public final class Catalogue {
  private Catalogue() {}

  /** What a code is: a diagnostic, an input error or a call error. */
  public enum CodeKind { DIAGNOSTIC, INPUT_ERROR, CALL_ERROR }

  /**
   * A code the library can report: severity is a diagnostic's (null for
   * errors), rule the rule it comes from (null for call errors).
   */
  public record CodeInfo(String code, CodeKind kind, Severity severity,
                         String rule, String summary, String summaryJa) {}

  /**
   * One of the rules R1-R16: its title, the words of the form or CPD
   * policy it comes from (sourceJa, quoted exactly), the rule as libcpd
   * applies it, the policy keys that set it ("" for none) and an example.
   */
  public record RuleInfo(String id, String title, String titleJa,
                         String sourceJa, String text, String textJa,
                         String policyKeys, String example, String exampleJa) {}

  /** The kind of value of a field. */
  public enum FieldKind { TEXT, DATE, NUMBER, BOOL, TEXT_LIST, OBJECT, ARRAY }

  /** How Cpd.redact masks a field. */
  public enum Redaction { NONE, INITIALS, PREFECTURE, POSTAL_CODE, PHONE, EMAIL, WITHHOLD }

  /**
   * One field of the application document, declared once in the library:
   * its JSON Pointer ("/activities/-/hours" for an activity's), key, kind,
   * whether required or personal data, its redaction, labels and, for an
   * activity's field, the spreadsheet headers accepted for it.
   */
  public record FieldInfo(String pointer, String key, FieldKind kind,
                          boolean required, boolean personal,
                          Redaction redaction, String label, String labelJa,
                          List<String> csvHeaders) {}

  /**
   * What a code or a rule means: code is null for a rule ID, rule null for
   * a code that comes from no rule.
   */
  public record Explanation(CodeInfo code, RuleInfo rule) {
    /** The document cpd_explain_json writes for the same name. */
    public String toJson() throws CpdException {
      String name = code != null ? code.code() : rule.id();
      return new String(CpdNative.explain_json(name), StandardCharsets.UTF_8);
    }
  }

  static CodeInfo code(NativeCodeInfo c) {
    CodeKind kind = CodeKind.valueOf(c.getKind().name().substring("CODE_".length()));
    String rule = c.getRule();
    return new CodeInfo(c.getCode(), kind,
                        kind == CodeKind.DIAGNOSTIC ? Severity.fromNative(c.getSeverity()) : null,
                        rule == null || rule.isEmpty() ? null : rule,
                        c.getSummary(), c.getSummary_ja());
  }

  static RuleInfo rule(NativeRuleInfo r) {
    return new RuleInfo(r.getId(), r.getTitle(), r.getTitle_ja(), r.getSource_ja(),
                        r.getText(), r.getText_ja(), r.getPolicy_keys(),
                        r.getExample(), r.getExample_ja());
  }

  static FieldInfo field(NativeFieldInfo f) {
    String h = f.getCsv_headers();
    return new FieldInfo(f.getPointer(), f.getKey(),
                         FieldKind.valueOf(f.getKind().name().substring("FIELD_".length())),
                         f.getRequired() != 0, f.getPersonal() != 0,
                         Redaction.valueOf(f.getRedaction().name().substring("REDACT_".length())),
                         f.getLabel(), f.getLabel_ja(),
                         h == null ? List.of() : List.of(h.split("\\|")));
  }

  /** Every code the library can report, in the catalogue's order. */
  public static List<CodeInfo> codes() {
    List<CodeInfo> out = new ArrayList<>();
    for (long i = 0, n = CpdNative.code_count(); i < n; i++) {
      out.add(code(CpdNative.code_at(i)));
    }
    return Collections.unmodifiableList(out);
  }

  /** The rules R1-R16. */
  public static List<RuleInfo> rules() {
    List<RuleInfo> out = new ArrayList<>();
    for (long i = 0, n = CpdNative.rule_count(); i < n; i++) {
      out.add(rule(CpdNative.rule_at(i)));
    }
    return Collections.unmodifiableList(out);
  }

  /** The fields of the application document, in the table's order. */
  public static List<FieldInfo> fields() {
    List<FieldInfo> out = new ArrayList<>();
    for (long i = 0, n = CpdNative.field_count(); i < n; i++) {
      out.add(field(CpdNative.field_at(i)));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * What a diagnostic code ("section.capped", "input.syntax") or a rule
   * ID ("R6", "r6") means.
   *
   * @throws IllegalArgumentException for a name that is neither
   */
  public static Explanation explain(String codeOrRule) {
    if (codeOrRule == null) {
      throw new NullPointerException("codeOrRule");
    }
    NativeCodeInfo c = CpdNative.code_find(codeOrRule);
    NativeRuleInfo r = CpdNative.rule_find(c != null ? c.getRule() : codeOrRule);
    if (c == null && r == null) {
      throw new IllegalArgumentException("'" + codeOrRule
          + "' is neither a diagnostic code nor a rule ID (R1-R16)");
    }
    return new Explanation(c == null ? null : code(c), r == null ? null : rule(r));
  }

}
