package io.covington.graph.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Streams that refuse to deliver more than a limit, counted as the bytes really arrive. */
public final class BoundedInput {

  private BoundedInput() {}

  /**
   * A stream that fails the read with {@link TooLarge} once more than {@code max} bytes came
   * through it.
   *
   * @param source what is read, for the message
   */
  public static InputStream of(InputStream in, long max, String source) {
    return new FilterInputStream(in) {
      private long count;

      private void count(long n) throws IOException {
        count += n;
        if (count > max) {
          throw new TooLarge(source, max);
        }
      }

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          count(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          count(n);
        }
        return n;
      }
    };
  }

  /** Everything {@code in} holds, or {@link TooLarge} when that is more than {@code max} bytes. */
  public static byte[] readAll(InputStream in, long max, String source) throws IOException {
    byte[] bytes = InputFiles.readAtMost(in, max);
    if (bytes == null) {
      throw new TooLarge(source, max);
    }
    return bytes;
  }

  /** An input larger than its limit, found while reading it. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(String source, long max) {
      super(source + " is larger than the " + InputLimits.size(max) + " it may have");
    }
  }
}
