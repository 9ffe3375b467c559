package io.covington.graph.risk;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Prometheus' {@code promtool} binary (Debian package {@code prometheus}), run to unit-test rule expressions. */
public final class Promtool {

  /** The binary's name on the {@code PATH}. */
  public static final String NAME = "promtool";

  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final int MAX_OUTPUT_BYTES = 64 << 20;

  private final Path binary;

  private Promtool(Path binary) {
    this.binary = binary;
  }

  /**
   * The binary at {@code path}.
   *
   * @throws IllegalArgumentException when it is not an executable file, with a message naming it
   */
  public static Promtool at(Path path) {
    Objects.requireNonNull(path, "path");
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(path + " is not a file; give the path of promtool (Debian package prometheus)");
    }
    if (!Files.isExecutable(path)) {
      throw new IllegalArgumentException(path + " is not executable; check its permissions (chmod +x)");
    }
    return new Promtool(path.toAbsolutePath());
  }

  /** The first executable {@code promtool} on {@code path} (a {@code PATH}-style list), if any. */
  public static Optional<Promtool> onPath(String path) {
    if (path == null || path.isEmpty()) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, NAME))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst()
        .map(Promtool::new);
  }

  /** The first executable {@code promtool} on this process' {@code PATH}, if any. */
  public static Optional<Promtool> onPath() {
    return onPath(System.getenv("PATH"));
  }

  public Path binary() {
    return binary;
  }

  /**
   * Runs {@code promtool test rules testFile} and returns what it printed (stdout and stderr).
   * A failing test is not an error here: the caller reads the results from the output.
   *
   * @throws PromtoolException when the binary cannot be started, takes too long or prints too much
   */
  String testRules(Path testFile) throws PromtoolException {
    Process process;
    try {
      process = new ProcessBuilder(binary.toString(), "test", "rules", testFile.toString())
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      throw new PromtoolException("cannot run " + binary + ": " + e.getMessage());
    }
    try (InputStream in = process.getInputStream()) {
      process.getOutputStream().close();
      byte[] output = readBounded(in);
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new PromtoolException(binary + " test rules did not finish within " + TIMEOUT.toSeconds() + " s");
      }
      return new String(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PromtoolException("reading the output of " + binary + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PromtoolException("interrupted while " + binary + " ran");
    } finally {
      process.destroyForcibly();
    }
  }

  private byte[] readBounded(InputStream in) throws IOException, PromtoolException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      if (out.size() + n > MAX_OUTPUT_BYTES) {
        throw new PromtoolException(binary + " printed more than " + (MAX_OUTPUT_BYTES >> 20) + " MiB");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return binary.toString();
  }
}
