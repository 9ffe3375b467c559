package io.covington.graph.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real GnuPG (Debian's {@code gnupg}, {@code /usr/bin/gpg}) in a home of its own, for tests that make
 * keys and signatures as a release engineer does. Close it to stop the agent it started.
 */
public final class Gpg implements AutoCloseable {

  private final Path home;

  private Gpg(Path home) {
    this.home = home;
  }

  /**
   * A new, empty GnuPG home in the temporary directory (not a test's {@code @TempDir}: the agent's
   * socket path has a length limit), deleted by {@link #close()}.
   */
  public static Gpg start() {
    try {
      return new Gpg(Files.createTempDirectory("gpg-", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes a signing key for {@code userId} and returns its fingerprint.
   *
   * @param expire gpg's expiry, e.g. {@code 0} (never) or {@code 1d}
   * @param fakedTime gpg's {@code --faked-system-time}, e.g. {@code 20200101T000000}, or null for now
   */
  public String newKey(String userId, String expire, String fakedTime) {
    List<String> args = new ArrayList<>(List.of("--quick-gen-key", userId, "ed25519", "sign", expire));
    run(fakedTime, args);
    String listing = run(null, List.of("--with-colons", "--fingerprint", userId));
    return listing.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
  }

  /** The armored public key of {@code key}. */
  public byte[] exportArmored(String key) {
    return run(null, List.of("--armor", "--export", key)).getBytes(StandardCharsets.UTF_8);
  }

  /** The binary public key of {@code key}. */
  public byte[] export(String key) {
    Path out = home.resolve("export.gpg");
    run(null, List.of("--yes", "--output", out.toString(), "--export", key));
    return read(out);
  }

  /**
   * An atomic container signature of {@code digest} by {@code key}, exactly as the release
   * tooling makes one: {@code gpg --sign} over the JSON claim (a compressed, one-pass signed message).
   */
  public byte[] signDigest(String key, String digest, String reference, String fakedTime) {
    return sign(key, claim(digest, reference), fakedTime);
  }

  /** The JSON an atomic container signature signs. */
  public static String claim(String digest, String reference) {
    return "{\"critical\":{\"image\":{\"docker-manifest-digest\":\"" + digest + "\"},\"type\":\"atomic container signature\","
        + "\"identity\":{\"docker-reference\":\"" + reference + "\"}},\"optional\":{\"creator\":\"covington tests\"}}";
  }

  /** {@code gpg --armor --sign} of {@code content} by {@code key}: the signed message as ASCII armor. */
  public byte[] signArmored(String key, String content) {
    try {
      Path in = home.resolve("message.json");
      Path out = home.resolve("message.json.asc");
      Files.writeString(in, content);
      run(null, List.of("--yes", "--armor", "--local-user", key, "--output", out.toString(), "--sign", in.toString()));
      return read(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code gpg --sign} of {@code content} by {@code key}. */
  public byte[] sign(String key, String content, String fakedTime) {
    try {
      Path in = home.resolve("message.json");
      Path out = home.resolve("message.json.gpg");
      Files.writeString(in, content);
      run(fakedTime, List.of("--yes", "--local-user", key, "--output", out.toString(), "--sign", in.toString()));
      return read(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String run(String fakedTime, List<String> args) {
    List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty",
        "--pinentry-mode", "loopback", "--passphrase", ""));
    if (fakedTime != null) {
      command.addAll(List.of("--faked-system-time", fakedTime + "!"));
    }
    command.addAll(args);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      byte[] out = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("gpg failed (is Debian's gnupg installed?): " + command + "\n" + err);
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run gpg (install Debian's gnupg: .ci/install-deps.sh): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the agent of this home and deletes it. */
  @Override
  public void close() {
    try {
      new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent").start().waitFor(20, TimeUnit.SECONDS);
    } catch (IOException e) {
      // no agent to stop
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> walk = Files.walk(home)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory
    }
  }
}
