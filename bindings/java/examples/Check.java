/*
 * Check.java - the Java binding from a user's side: checks one application
 * file and prints the decision and the points.  Runs as a single source
 * file against the jar (the native library is found beside it, or in
 * ../../lib/jni of an installed prefix):
 *
 *   java -cp build/bindings/java/cpd.jar bindings/java/examples/Check.java \
 *        examples/eligible.json
 */
import java.nio.file.Path;
import jp.cpd.Cpd;
import jp.cpd.CpdException;
import jp.cpd.InputException;
import jp.cpd.Result;

public class Check {
  public static void main(String[] args) throws Exception {
    try {
      Result r = Cpd.check(Path.of(args[0]), null, null);
      System.out.println(r.decision() + ": " + r.points().counted() + " of "
          + r.points().required() + " points (B-2: "
          + r.sections().get("B-2").counted() + ")");
      for (Result.Diagnostic d : r.diagnostics()) {
        System.out.println("  " + d.severity() + " " + d.code() + " (" + d.rule()
            + ") at " + d.path());
      }
    } catch (InputException e) {
      System.out.println("input error " + e.code() + " at " + e.path());
      System.exit(2);
    } catch (CpdException e) {
      System.out.println("error: " + e.getMessage());
      System.exit(2);
    }
  }
}
