/*
 * Checker.java - the library's reusable checker (cpd_checker): it keeps
 * its buffers between calls, so checking many applications costs no more
 * native heap work than the first.  Cpd.check uses one per thread and
 * policy; make one yourself for a batch, and close it (try-with-resources;
 * a Cleaner frees one that was forgotten).  Calls on one checker are
 * serialised: give each thread its own for parallel checks.
 */
package jp.cpd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

public final class Checker implements AutoCloseable {
  /** NDJSON is read in chunks of this size (cpd_lines copies what it keeps). */
  static final int CHUNK = 1 << 16;

  private final NativeChecker handle;
  private final Cleaner.Cleanable cleanable;
  /* A checker made by the user keeps its policy alive; the one a Policy
   * keeps per thread refers to it weakly (no cycle through the
   * ThreadLocal) and checks it is still there on each call. */
  private final Policy policy;
  private final WeakReference<Policy> weakPolicy;
  private final Limits limits;
  private final Result.Packed packed = new Result.Packed();
  private volatile boolean closed;

  /** A checker under the default policy. */
  public Checker() throws CpdException {
    this(null, null, null);
  }

  /**
   * A checker under a policy (null: the default), evaluating as if applied
   * on asOf (null: each document's applied_on), under limits (null: the
   * defaults).
   */
  public Checker(Policy policy, LocalDate asOf, Limits limits)
      throws CpdException {
    this(policy == null ? Policy.shared() : policy, asOf, limits, false);
  }

  private Checker(Policy p, LocalDate asOf, Limits limits, boolean weak)
      throws CpdException {
    this.policy = weak ? null : p;
    this.weakPolicy = weak ? new WeakReference<>(p) : null;
    this.limits = limits;
    NativeCheckOptions o = null;
    NativeLimits l = Limits.toNative(limits);
    if (asOf != null || l != null) {
      o = new NativeCheckOptions();
      if (asOf != null) {
        o.setAs_of(Values.day(asOf));
      }
      o.setLimits(l);
    }
    try {
      // the checker copies the options (and limits); the policy is borrowed
      handle = CpdNative.checker_new(p.handle(), o);
    } finally {
      if (o != null) {
        o.delete();
      }
      if (l != null) {
        l.delete();
      }
      Reference.reachabilityFence(p);
    }
    cleanable = Policy.CLEANER.register(this, handle::delete);
  }

  static Checker forThread(Policy p) throws CpdException {
    return new Checker(p, null, null, true);
  }

  private Policy livePolicy() {
    Policy p = weakPolicy == null ? policy : weakPolicy.get();
    if (closed) {
      throw new IllegalStateException("the checker is closed");
    }
    if (p == null || p.isClosed()) {
      throw new IllegalStateException("the policy is closed");
    }
    return p;
  }

  /**
   * Checks one application document (JSON text).
   *
   * @throws InputException the application cannot be evaluated
   */
  public Result check(String json) throws CpdException {
    if (json == null) {
      throw new NullPointerException("json");
    }
    return check(json.getBytes(StandardCharsets.UTF_8));
  }

  /** check() of the document's UTF-8 bytes, passed to the engine as is. */
  public synchronized Result check(byte[] utf8) throws CpdException {
    if (utf8 == null) {
      throw new NullPointerException("utf8");
    }
    Policy p = livePolicy();
    try {
      byte[] doc = CpdNative.checker_check(handle, utf8);
      return new Result(CpdNative.checker_result(handle), doc, packed);
    } finally {
      Reference.reachabilityFence(p);
    }
  }

  /**
   * Checks each application in turn, lazily: an Outcome per element, in
   * order, line() its 1-based position.  An application that cannot be
   * evaluated gives its InputException in the outcome and the stream goes
   * on.
   */
  public Stream<Outcome> checkMany(Iterable<String> applications) {
    Iterator<String> it = applications.iterator();
    Iterator<Outcome> out = new Iterator<>() {
      long n;

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Outcome next() {
        String app = it.next();
        n++;
        try {
          return Outcome.of(n, check(app));
        } catch (InputException e) {
          return Outcome.of(n, (InputException) e.atLine(n));
        } catch (CpdException e) {
          throw new IllegalStateException(e);
        }
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(
        out, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /**
   * Checks an NDJSON stream (one application per line) as `cpd batch`
   * does, with the library's NDJSON reader (cpd_lines): an Outcome per
   * line that is not blank, in order, with its 1-based line number (blank
   * lines counted).  CRLF endings and a missing final newline are fine; a
   * line longer than the document limit is an input.too_large error
   * without being kept.  Constant memory.  The stream does not close in;
   * an IOException while reading comes as an UncheckedIOException.
   */
  public Stream<Outcome> batch(InputStream in) throws CpdException {
    if (in == null) {
      throw new NullPointerException("in");
    }
    NativeLines lines = CpdNative.lines_new(
        limits == null ? 0 : limits.maxDocumentBytes());
    class Lines extends Spliterators.AbstractSpliterator<Outcome> {
      Cleaner.Cleanable freeLines;
      final ArrayDeque<Outcome> ready = new ArrayDeque<>();
      final LineReader reader = new LineReader();
      final LineReader.Sink sink = (k, bytes, tooLong) -> {
        InputException err = tooLong;
        if (err == null) {
          try {
            ready.add(Outcome.of(k, check(bytes)));
          } catch (InputException e) {
            err = e;
          }
        }
        if (err != null) {
          ready.add(Outcome.of(k, (InputException) err.atLine(k)));
        }
      };
      boolean ended;

      Lines() {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      }

      @Override
      public boolean tryAdvance(Consumer<? super Outcome> action) {
        try {
          while (ready.isEmpty() && !ended) {
            fill();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (CpdException e) {
          throw new IllegalStateException(e);
        }
        Outcome o = ready.poll();
        if (o == null) {
          freeLines.clean();
          return false;
        }
        action.accept(o);
        return true;
      }

      private void fill() throws IOException, CpdException {
        ended = !reader.read(in, lines, sink);
      }
    }
    Lines s = new Lines();
    // freed at the end, on close(), or when the stream is dropped
    s.freeLines = Policy.CLEANER.register(s, lines::delete);
    return StreamSupport.stream(s, false).onClose(s.freeLines::clean);
  }

  boolean isClosed() {
    return closed;
  }

  /** Frees the native checker; further use throws IllegalStateException. */
  @Override
  public synchronized void close() {
    closed = true;
    cleanable.clean();
  }

  /** One application's outcome in checkMany or batch. */
  public record Outcome(long line, Result result, InputException error) {
    static Outcome of(long line, Result r) {
      return new Outcome(line, r, null);
    }

    static Outcome of(long line, InputException e) {
      return new Outcome(line, null, e);
    }

    /** True when the application was evaluated (result() is set). */
    public boolean isResult() {
      return result != null;
    }
  }
}
