package io.covington.sources.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Content digests as the distribution API writes them: {@code sha256:<64 lower-case hex>}. */
final class Digests {

  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  private Digests() {}

  static boolean isDigest(String text) {
    return SHA256.matcher(text).matches();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String of(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
  }

  static String of(MessageDigest finished) {
    return "sha256:" + HexFormat.of().formatHex(finished.digest());
  }

  /** The 64 hex digits, for file names. */
  static String hex(String digest) {
    return digest.substring("sha256:".length());
  }
}
