package io.covington.graph.input;

import java.util.Arrays;
import java.util.Objects;

/**
 * One file of a signature tree: {@code <algo>/<hex>/signature-<n>}, a release (or image) signature
 * as the cluster-version-operator fetches it from a signature store.
 *
 * @param digest the signed manifest digest, {@code sha256:<64 hex>}
 * @param number the {@code n} of its file name, 1 or more
 * @param bytes the file's bytes, as on disk
 * @param source where it was read, e.g. {@code signatures/sha256/<hex>/signature-1}
 */
public record SignatureFile(String digest, int number, byte[] bytes, String source) {

  public SignatureFile {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(source, "source");
    if (!SignatureTreeReader.isDigest(digest) || number < 1) {
      throw new IllegalArgumentException("not a signature of a sha256 digest: " + digest + " #" + number);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignatureFile f && f.digest.equals(digest) && f.number == number
        && Arrays.equals(f.bytes, bytes) && f.source.equals(source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(digest, number, source, Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    return source + " (" + bytes.length + " bytes)";
  }
}
