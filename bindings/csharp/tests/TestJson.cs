// TestJson.cs - a small strict JSON reader and writer for the tests only
// (the binding itself reads results through the typed C accessors and
// carries no JSON parser): objects are ordered lists of key/value pairs
// (JObject), arrays List<object>, numbers decimal (exact), strings string,
// true/false bool, null null.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Jp.Cpd.Tests {
  internal sealed class JObject : List<KeyValuePair<string, object>> {
    public object this[string key] {
      get {
        foreach (var kv in this) if (kv.Key == key) return kv.Value;
        return null;
      }
    }
    public bool Has(string key) {
      foreach (var kv in this) if (kv.Key == key) return true;
      return false;
    }
    public void Put(string key, object value) { Add(new KeyValuePair<string, object>(key, value)); }
  }

  internal sealed class TestJson {
    readonly string s;
    int i;

    TestJson(string s) { this.s = s; }

    public static object Parse(string text) {
      var p = new TestJson(text);
      p.Ws();
      object v = p.Value();
      p.Ws();
      if (p.i != p.s.Length) throw p.Error("trailing characters");
      return v;
    }

    public static JObject ParseObject(string text) {
      var o = Parse(text) as JObject;
      if (o == null) throw new FormatException("not a JSON object");
      return o;
    }

    Exception Error(string what) { return new FormatException("JSON: " + what + " at " + i); }

    void Ws() {
      while (i < s.Length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    }

    object Value() {
      if (i >= s.Length) throw Error("end of text");
      char c = s[i];
      if (c == '{') return Obj();
      if (c == '[') return Arr();
      if (c == '"') return Str();
      if (s.Substring(i).StartsWith("true", StringComparison.Ordinal)) { i += 4; return true; }
      if (s.Substring(i).StartsWith("false", StringComparison.Ordinal)) { i += 5; return false; }
      if (s.Substring(i).StartsWith("null", StringComparison.Ordinal)) { i += 4; return null; }
      return Num();
    }

    JObject Obj() {
      var o = new JObject();
      i++;
      Ws();
      if (s[i] == '}') { i++; return o; }
      while (true) {
        Ws();
        string k = Str();
        Ws();
        if (s[i] != ':') throw Error("':' expected");
        i++;
        Ws();
        o.Put(k, Value());
        Ws();
        if (s[i] == ',') { i++; continue; }
        if (s[i] == '}') { i++; return o; }
        throw Error("',' or '}' expected");
      }
    }

    List<object> Arr() {
      var a = new List<object>();
      i++;
      Ws();
      if (s[i] == ']') { i++; return a; }
      while (true) {
        Ws();
        a.Add(Value());
        Ws();
        if (s[i] == ',') { i++; continue; }
        if (s[i] == ']') { i++; return a; }
        throw Error("',' or ']' expected");
      }
    }

    string Str() {
      if (s[i] != '"') throw Error("string expected");
      i++;
      var b = new StringBuilder();
      while (true) {
        char c = s[i++];
        if (c == '"') return b.ToString();
        if (c != '\\') { b.Append(c); continue; }
        char e = s[i++];
        switch (e) {
          case '"': b.Append('"'); break;
          case '\\': b.Append('\\'); break;
          case '/': b.Append('/'); break;
          case 'b': b.Append('\b'); break;
          case 'f': b.Append('\f'); break;
          case 'n': b.Append('\n'); break;
          case 'r': b.Append('\r'); break;
          case 't': b.Append('\t'); break;
          case 'u':
            b.Append((char)int.Parse(s.Substring(i, 4), NumberStyles.HexNumber));
            i += 4;
            break;
          default: throw Error("bad escape");
        }
      }
    }

    decimal Num() {
      int start = i;
      while (i < s.Length && "+-0123456789.eE".IndexOf(s[i]) >= 0) i++;
      return decimal.Parse(s.Substring(start, i - start),
                           NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static string Quote(string v) {
      var b = new StringBuilder("\"");
      foreach (char c in v) {
        switch (c) {
          case '"': b.Append("\\\""); break;
          case '\\': b.Append("\\\\"); break;
          case '\n': b.Append("\\n"); break;
          case '\r': b.Append("\\r"); break;
          case '\t': b.Append("\\t"); break;
          default:
            if (c < 0x20) b.Append("\\u").Append(((int)c).ToString("x4"));
            else b.Append(c);
            break;
        }
      }
      return b.Append('"').ToString();
    }

    public static string Write(object v) {
      var b = new StringBuilder();
      Write(b, v);
      return b.ToString();
    }

    static void Write(StringBuilder b, object v) {
      if (v == null) { b.Append("null"); return; }
      if (v is string) { b.Append(Quote((string)v)); return; }
      if (v is bool) { b.Append((bool)v ? "true" : "false"); return; }
      if (v is decimal) { b.Append(((decimal)v).ToString(CultureInfo.InvariantCulture)); return; }
      if (v is int || v is long || v is ulong || v is uint) {
        b.Append(Convert.ToString(v, CultureInfo.InvariantCulture));
        return;
      }
      var o = v as JObject;
      if (o != null) {
        b.Append('{');
        bool first = true;
        foreach (var kv in o) {
          if (!first) b.Append(',');
          first = false;
          b.Append(Quote(kv.Key)).Append(':');
          Write(b, kv.Value);
        }
        b.Append('}');
        return;
      }
      var a = v as System.Collections.IEnumerable;
      if (a != null) {
        b.Append('[');
        bool first = true;
        foreach (object x in a) {
          if (!first) b.Append(',');
          first = false;
          Write(b, x);
        }
        b.Append(']');
        return;
      }
      throw new ArgumentException("not a JSON value: " + v.GetType());
    }

    /// <summary>JSON values equal, numbers by value (5 == 5.0).</summary>
    public static bool Same(object a, object b) {
      if (a is decimal && b is decimal) return (decimal)a == (decimal)b;
      var x = a as JObject;
      var y = b as JObject;
      if (x != null && y != null) {
        if (x.Count != y.Count) return false;
        foreach (var kv in x) {
          if (!y.Has(kv.Key) || !Same(kv.Value, y[kv.Key])) return false;
        }
        return true;
      }
      var la = a as List<object>;
      var lb = b as List<object>;
      if (la != null && lb != null) {
        if (la.Count != lb.Count) return false;
        for (int k = 0; k < la.Count; k++) if (!Same(la[k], lb[k])) return false;
        return true;
      }
      return Equals(a, b);
    }
  }
}
