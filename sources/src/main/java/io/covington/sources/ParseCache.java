package io.covington.sources;

import io.covington.graph.input.ParsedFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where parsed inputs are kept between processes ({@code --parse-cache DIR}): one {@link
 * ParsedFiles} store per source, named after what it reads, so a restart or the next command
 * parses only the files that changed. Without a directory every source parses in memory only.
 */
public final class ParseCache {

  private static final Logger LOG = LoggerFactory.getLogger(ParseCache.class);

  private final Optional<Path> dir;

  private ParseCache(Optional<Path> dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /** No store: every process parses everything once. */
  public static ParseCache none() {
    return new ParseCache(Optional.empty());
  }

  /** Stores under {@code dir}, created when first written. */
  public static ParseCache in(Path dir) {
    return new ParseCache(Optional.of(dir.toAbsolutePath().normalize()));
  }

  public Optional<Path> dir() {
    return dir;
  }

  /** For the bundled releases. */
  ParsedFiles bundledReleases() {
    return files("releases-bundled");
  }

  /** For the bundled graph-data. */
  ParsedFiles bundledGraphData() {
    return files("graph-data-bundled");
  }

  /** For the graph-data directory {@code tree} (one store per directory). */
  ParsedFiles directory(Path tree) {
    return files("graph-data-" + shortHash(tree.toAbsolutePath().normalize().toString()));
  }

  private ParsedFiles files(String name) {
    return dir.map(d -> ParsedFiles.stored(d.resolve(name + ".bin"))).orElseGet(ParsedFiles::new);
  }

  /**
   * Logs what the last read of {@code parsed} parsed and reused: a warning when its store was
   * found unusable or could not be written, at info when it parsed anything, else at debug (a
   * command run on a warm cache prints nothing).
   */
  static void report(String what, ParsedFiles parsed, String before) {
    if (parsed.storeTrouble() && !parsed.storeStatus().equals(before)) {
      LOG.warn("{}: {} file(s) parsed, {} reused; {}", what, parsed.parsed(), parsed.reused(), parsed.storeStatus());
    } else if (parsed.parsed() > 0) {
      LOG.info("{}: {} file(s) parsed, {} reused; {}", what, parsed.parsed(), parsed.reused(), parsed.storeStatus());
    } else {
      LOG.debug("{}: {} file(s) parsed, {} reused; {}", what, parsed.parsed(), parsed.reused(), parsed.storeStatus());
    }
  }

  private static String shortHash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
