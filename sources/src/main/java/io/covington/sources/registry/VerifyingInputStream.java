package io.covington.sources.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A blob's bytes, hashed as they are read. When the stream reaches its end it checks the sha256
 * and the length against the blob's descriptor and throws {@link Mismatch} if either differs, so
 * whoever reads a blob to its end has read verified bytes. It also refuses to read past the
 * expected length.
 */
final class VerifyingInputStream extends FilterInputStream {

  /** The bytes read are not the blob's: wrong digest or length. */
  static final class Mismatch extends IOException {
    Mismatch(String message) {
      super(message);
    }
  }

  private final String expectedDigest;
  private final long expectedSize;
  private final MessageDigest digest = Digests.sha256();
  private long count;
  private boolean verified;

  /**
   * @param expectedSize the descriptor's size, or -1 when unknown
   */
  VerifyingInputStream(InputStream in, String expectedDigest, long expectedSize) {
    super(in);
    this.expectedDigest = expectedDigest;
    this.expectedSize = expectedSize;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) {
      finish();
      return -1;
    }
    digest.update(b, off, n);
    count += n;
    if (expectedSize >= 0 && count > expectedSize) {
      throw new Mismatch("blob " + expectedDigest + " is longer than its descriptor's " + expectedSize + " bytes");
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void finish() throws Mismatch {
    if (verified) {
      return;
    }
    String actual = Digests.of(digest);
    if (!actual.equals(expectedDigest)) {
      throw new Mismatch("blob content has digest " + actual + ", not " + expectedDigest + " as the manifest says");
    }
    if (expectedSize >= 0 && count != expectedSize) {
      throw new Mismatch("blob " + expectedDigest + " has " + count + " bytes, the manifest says " + expectedSize);
    }
    verified = true;
  }

  /** Reads what is left, which verifies the whole blob. */
  void drainAndVerify() throws IOException {
    byte[] buffer = new byte[65536];
    while (read(buffer, 0, buffer.length) >= 0) {
      // reading to the end runs the check
    }
  }

  /** Whether the whole blob was read and matched its digest and size. */
  boolean verified() {
    return verified;
  }

  long bytesRead() {
    return count;
  }
}
