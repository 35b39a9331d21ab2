/*
 * LineReader.java - an NDJSON stream through the library's reader
 * (cpd_lines), a chunk at a time: Checker.batch streams its lines,
 * Audit reads its roster.
 */
package jp.cpd;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

final class LineReader {
  /** What is done with each line: its bytes, or the input.too_large
   * error of a line over the limit (bytes null). */
  interface Sink {
    void line(long number, byte[] bytes, InputException tooLong)
        throws CpdException;
  }

  private final byte[] buf = new byte[Checker.CHUNK];
  private final byte[][] line = new byte[1][];
  private final long[] number = new long[1];
  private final int[] tooLong = new int[1];

  /** Reads one chunk of in into lines and hands every complete line to
   * sink; false once the input has ended (its last line handed over). */
  boolean read(InputStream in, NativeLines lines, Sink sink)
      throws IOException, CpdException {
    int n = in.read(buf);
    if (n < 0) {
      CpdNative.lines_feed(lines, null);
    } else if (n > 0) {
      CpdNative.lines_feed(lines, n == buf.length ? buf : Arrays.copyOf(buf, n));
    }
    while (CpdNative.lines_next(lines, line, number, tooLong) != 0) {
      InputException err = null;
      if (tooLong[0] != 0) {
        try {
          CpdNative.lines_too_long(lines);
        } catch (InputException e) {
          err = e;
        }
      }
      sink.line(number[0], err == null ? line[0] : null, err);
    }
    return n >= 0;
  }
}
