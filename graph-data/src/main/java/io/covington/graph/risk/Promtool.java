package io.covington.graph.risk;

import java.io.File;
import java.io.IOException;
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

  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
  private static final int MAX_OUTPUT_BYTES = 64 << 20;

  private final Path binary;
  private final Duration timeout;

  private Promtool(Path binary) {
    this(binary, DEFAULT_TIMEOUT);
  }

  private Promtool(Path binary, Duration timeout) {
    this.binary = binary;
    this.timeout = timeout;
  }

  /** This binary, given at most {@code limit} per run (default 2 minutes). */
  Promtool withTimeout(Duration limit) {
    return new Promtool(binary, limit);
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
    Path output = null;
    Process process = null;
    try {
      // Output goes to a file, so a binary that hangs with its output open still meets the timeout.
      output = Files.createTempFile("covington-promtool-", ".out");
      process = new ProcessBuilder(binary.toString(), "test", "rules", testFile.toString())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new PromtoolException(binary + " test rules did not finish within " + timeout.toSeconds() + " s");
      }
      if (Files.size(output) > MAX_OUTPUT_BYTES) {
        throw new PromtoolException(binary + " printed more than " + (MAX_OUTPUT_BYTES >> 20) + " MiB");
      }
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PromtoolException("cannot run " + binary + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PromtoolException("interrupted while " + binary + " ran");
    } finally {
      if (process != null) {
        process.destroyForcibly();
      }
      deleteQuietly(output);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A temporary file left behind is harmless.
      }
    }
  }

  @Override
  public String toString() {
    return binary.toString();
  }
}
