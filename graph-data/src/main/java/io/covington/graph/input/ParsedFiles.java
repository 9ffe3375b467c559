package io.covington.graph.input;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each graph-data file parsed to, by its path and the SHA-256 of its bytes, so that reading a
 * tree again parses only the files whose bytes changed (a watched directory's reload). An entry is
 * used only for the very bytes it was parsed from: a file that changed, however slightly, is parsed
 * again. Parsing is a pure function of the path and the bytes, so a reused entry (the value and the
 * problems it found) is exactly what parsing again would give.
 *
 * <p>Holds the entries of the last tree read only: memory stays at one tree's parsed files. One
 * instance per source; reads of one instance must not run concurrently (the reload worker reads one
 * source at a time).
 */
public final class ParsedFiles {

  /** What one file parsed to. */
  private record Entry(Optional<?> value, List<LoadProblem> problems) {}

  private record Key(String kind, String file, String sha256) {}

  private Map<Key, Entry> last = Map.of();
  private Map<Key, Entry> reading = new HashMap<>();
  private int reused;
  private int parsed;

  /** A memo that keeps nothing between reads: every file is parsed (a one-off read). */
  static ParsedFiles once() {
    return new ParsedFiles();
  }

  /** A parse of one file's bytes, with the problems it reported. */
  interface Parser<T> {
    Optional<T> parse(Path file, byte[] bytes, Problems problems);
  }

  void begin() {
    reading = new HashMap<>();
    reused = 0;
    parsed = 0;
  }

  /** Ends a read that completed: its entries replace those of the read before. */
  void end() {
    last = Map.copyOf(reading);
    reading = new HashMap<>();
  }

  @SuppressWarnings("unchecked")
  <T> Optional<T> parse(String kind, Path file, byte[] bytes, Problems problems, Parser<T> parser) {
    Key key = new Key(kind, file.toString(), sha256(bytes));
    Entry entry = last.get(key);
    if (entry == null) {
      Problems found = new Problems();
      entry = new Entry(parser.parse(file, bytes, found), found.list());
      parsed++;
    } else {
      reused++;
    }
    reading.put(key, entry);
    entry.problems().forEach(problems::add);
    return (Optional<T>) entry.value();
  }

  /** Files whose parse the last read reused. */
  public int reused() {
    return reused;
  }

  /** Files the last read parsed. */
  public int parsed() {
    return parsed;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
