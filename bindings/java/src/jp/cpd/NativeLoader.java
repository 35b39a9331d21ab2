/*
 * NativeLoader.java - loads libcpdjni (the SWIG JNI module) once.
 *
 * Where from, in order: the system property jp.cpd.library (an absolute
 * path); java.library.path (System.loadLibrary("cpdjni")); beside the jar
 * (the build tree: build/bindings/java/cpd.jar + libcpdjni.so); and
 * ../../lib/jni and ../../lib64/jni from the jar (an installed prefix:
 * share/java/cpd.jar, lib/jni/libcpdjni.so).
 */
package jp.cpd;

import java.io.File;
import java.net.URISyntaxException;
import java.security.CodeSource;

final class NativeLoader {
  private static boolean loaded;

  private NativeLoader() {}

  static synchronized void load() {
    if (loaded) {
      return;
    }
    String path = System.getProperty("jp.cpd.library");
    if (path != null && !path.isEmpty()) {
      System.load(path);
      loaded = true;
      return;
    }
    UnsatisfiedLinkError first;
    try {
      System.loadLibrary("cpdjni");
      loaded = true;
      return;
    } catch (UnsatisfiedLinkError e) {
      first = e;
    }
    String name = System.mapLibraryName("cpdjni");
    File jarDir = jarDirectory();
    if (jarDir != null) {
      File prefix = jarDir.getParentFile() == null ? null
          : jarDir.getParentFile().getParentFile();
      File[] candidates = {
        new File(jarDir, name),
        prefix == null ? null : new File(prefix, "lib/jni/" + name),
        prefix == null ? null : new File(prefix, "lib64/jni/" + name),
      };
      for (File f : candidates) {
        if (f != null && f.isFile()) {
          System.load(f.getAbsolutePath());
          loaded = true;
          return;
        }
      }
    }
    throw first;
  }

  private static File jarDirectory() {
    try {
      CodeSource cs = NativeLoader.class.getProtectionDomain().getCodeSource();
      if (cs == null || cs.getLocation() == null) {
        return null;
      }
      File f = new File(cs.getLocation().toURI());
      return f.isFile() ? f.getParentFile() : f;
    } catch (URISyntaxException | SecurityException e) {
      return null;
    }
  }
}
