// Check.cs - the C# binding from a user's side: checks one application
// file and prints the decision and the points.
//
//   mcs -r:build/bindings/csharp/Cpd.dll -out:Check.exe bindings/csharp/examples/Check.cs
//   MONO_PATH=build/bindings/csharp mono Check.exe examples/eligible.json
using System;
using Jp.Cpd;

static class Check {
  static int Main(string[] args) {
    try {
      Result r = Cpd.CheckFile(args[0]);
      Console.WriteLine("{0}: {1} of {2} points (B-2: {3})", r.Decision.WireName(),
                        r.Points.Counted, r.Points.Required, r.Sections["B-2"].Counted);
      foreach (Diagnostic d in r.Diagnostics)
        Console.WriteLine("  {0} {1} ({2}) at {3}", d.Severity.WireName(), d.Code, d.Rule, d.Path);
      return r.IsEligible ? 0 : 1;
    } catch (InputException e) {
      Console.WriteLine("input error {0} at {1}", e.Code, e.Path);
      return 2;
    }
  }
}
