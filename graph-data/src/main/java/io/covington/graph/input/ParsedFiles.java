package io.covington.graph.input;

import io.covington.graph.model.MatchingRule;
import io.covington.graph.model.MetadataKeys;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import io.covington.graph.snapshot.Versions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each input file parsed to, by its path and the SHA-256 of its bytes, so that reading a
 * tree again parses only the files whose bytes changed (a watched directory's reload). An entry is
 * used only for the very bytes it was parsed from: a file that changed, however slightly, is parsed
 * again. Parsing is a pure function of the path and the bytes, so a reused entry (the value and the
 * problems it found) is exactly what parsing again would give.
 *
 * <p>Holds the entries of the last read only: memory stays at one tree's parsed files. One
 * instance per source; reads of one instance must not run concurrently (the reload worker reads one
 * source at a time). Reads nest ({@link #begin()}/{@link #end(boolean)}): the bundled graph-data is
 * two trees read as one.
 *
 * <p>{@linkplain #stored(Path) Stored} instances also keep their entries in a file, so that the
 * next process (a restart, the next command) parses nothing that did not change. That file is
 * never trusted blindly: it is used only when its SHA-256 trailer matches its content and it was
 * written by this very parser code (a fingerprint of the parsing classes and the Jackson version),
 * and each of its entries, like an in-memory one, only for a file whose bytes hash to the entry's
 * key. A corrupt, truncated, foreign or stale store is reported by {@link #storeStatus()}, ignored
 * as a whole, and written again after the next complete read. Written to a temporary file and
 * renamed, so a reader never sees half a store.
 */
public final class ParsedFiles {

  private static final int MAGIC = 0x434f5650; // "COVP"
  private static final int FORMAT = 1;
  /** A store larger than this is not read (the bundled data's is about 4 MiB). */
  private static final long MAX_STORE_BYTES = 512L << 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What one file parsed to. */
  private record Entry(Optional<?> value, List<LoadProblem> problems) {}

  private record Key(String kind, String file, String sha256) {}

  private final Optional<Path> store;
  private boolean storeRead;
  /** Whether the store on disk differs from {@link #last} (absent, ignored, or behind). */
  private boolean storeBehind;
  private String storeStatus = "not stored";
  private boolean storeTrouble;
  private Map<Key, Entry> last = Map.of();
  private Map<Key, Entry> reading = new HashMap<>();
  private int depth;
  private boolean failed;
  private int reused;
  private int parsed;

  /** A memo kept in memory only. */
  public ParsedFiles() {
    this.store = Optional.empty();
  }

  private ParsedFiles(Path store) {
    this.store = Optional.of(store);
  }

  /** A memo that keeps nothing between reads: every file is parsed (a one-off read). */
  public static ParsedFiles once() {
    return new ParsedFiles();
  }

  /** A memo also kept in {@code file}, read at the first read and rewritten after reads that parsed anything. */
  public static ParsedFiles stored(Path file) {
    return new ParsedFiles(file.toAbsolutePath().normalize());
  }

  /** A parse of one file's bytes, with the problems it reported. */
  public interface Parser<T> {
    Optional<T> parse(Path file, byte[] bytes, Problems problems);
  }

  /** A read of inputs through this memo: a tree, or several read as one. */
  public interface Read<T> {
    T read() throws InvalidInputException;
  }

  /**
   * Runs {@code read} as one read: the entries it used replace those of the read before (and are
   * stored) only when it, and every read nested in it, completed. Reads nest: the bundled
   * graph-data is two trees read as one.
   */
  public <T> T read(Read<T> read) throws InvalidInputException {
    begin();
    boolean completed = false;
    try {
      T result = read.read();
      completed = true;
      return result;
    } finally {
      end(completed);
    }
  }

  /** Starts a read; reads nest, and only the outermost one's end replaces the entries. */
  private void begin() {
    if (depth++ > 0) {
      return;
    }
    storeTrouble = false;
    if (store.isPresent() && !storeRead) {
      storeRead = true;
      readStore(store.get());
    }
    reading = new HashMap<>();
    failed = false;
    reused = 0;
    parsed = 0;
  }

  /**
   * Ends a read. When the outermost read ends and every nested one {@code completed}, its entries
   * replace those of the read before (and are stored); otherwise they are dropped and the last
   * complete read's are kept.
   */
  private void end(boolean completed) {
    if (depth == 0) {
      throw new IllegalStateException("end() without begin()");
    }
    failed |= !completed;
    if (--depth > 0) {
      return;
    }
    if (!failed) {
      boolean changed = parsed > 0 || !reading.keySet().equals(last.keySet());
      last = Map.copyOf(reading);
      if (store.isPresent() && (changed || storeBehind)) {
        writeStore(store.get());
      }
    }
    reading = new HashMap<>();
  }

  <T> Optional<T> parse(String kind, Path file, byte[] bytes, Problems problems, Parser<T> parser) {
    return parse(kind, file.toString(), bytes, problems, (b, found) -> parser.parse(file, b, found));
  }

  /**
   * What {@code bytes}, read from {@code file}, parse to: the entry of the last read when the bytes
   * are the same, else {@code parser}'s result. The problems (found now or then) go to {@code problems}.
   */
  @SuppressWarnings("unchecked")
  public <T> Optional<T> parse(String kind, String file, byte[] bytes, Problems problems, BytesParser<T> parser) {
    if (store.isPresent() && !ParsedCodec.knows(kind)) {
      throw new IllegalArgumentException("parsed files of kind " + kind + " cannot be stored");
    }
    Key key = new Key(kind, file, sha256(bytes));
    Entry entry = last.get(key);
    if (entry == null) {
      Problems found = new Problems();
      entry = new Entry(parser.parse(bytes, found), found.list());
      parsed++;
    } else {
      reused++;
    }
    reading.put(key, entry);
    entry.problems().forEach(problems::add);
    return (Optional<T>) entry.value();
  }

  /** A parse of bytes alone (the file name is the caller's), reporting into {@code problems}. */
  public interface BytesParser<T> {
    Optional<T> parse(byte[] bytes, Problems problems);
  }

  /** Files whose parse the last read reused. */
  public int reused() {
    return reused;
  }

  /** Files the last read parsed. */
  public int parsed() {
    return parsed;
  }

  /** What became of the store file: read (with how many entries), absent, or ignored and why; for logs. */
  public String storeStatus() {
    return storeStatus;
  }

  /** Whether the last read found the store corrupt, foreign or unreadable (and rewrote it), or could not write it. */
  public boolean storeTrouble() {
    return storeTrouble;
  }

  private void readStore(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_STORE_BYTES) {
        throw new IOException("larger than " + (MAX_STORE_BYTES >> 20) + " MiB");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      storeBehind = true;
      storeStatus = "parse cache " + file + " absent: every file is parsed";
      return;
    } catch (IOException e) {
      ignoreStore(file, "unreadable (" + e.getMessage() + ")");
      return;
    }
    try {
      last = decode(bytes);
      storeBehind = false;
      storeStatus = "parse cache " + file + ": " + last.size() + " entries";
    } catch (IOException | RuntimeException e) {
      ignoreStore(file, e.getMessage());
    }
  }

  private void ignoreStore(Path file, String why) {
    last = Map.of();
    storeBehind = true;
    storeTrouble = true;
    storeStatus = "parse cache " + file + " ignored, every file is parsed: " + why;
  }

  private static Map<Key, Entry> decode(byte[] bytes) throws IOException {
    if (bytes.length < 32) {
      throw new IOException("truncated (" + bytes.length + " bytes)");
    }
    byte[] body = Arrays.copyOfRange(bytes, 0, bytes.length - 32);
    if (!MessageDigest.isEqual(digest(body), Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length))) {
      throw new IOException("its SHA-256 does not match its content (corrupt or truncated)");
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
    if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
      throw new IOException("not a parse cache of this format");
    }
    if (!ParsedCodec.string(in).equals(codeFingerprint())) {
      throw new IOException("written by another version of the parser");
    }
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative entry count");
    }
    Map<Key, Entry> entries = new HashMap<>();
    for (int k = 0; k < n; k++) {
      Key key = new Key(ParsedCodec.string(in), ParsedCodec.string(in), ParsedCodec.string(in));
      Optional<?> value = in.readBoolean() ? Optional.of(ParsedCodec.readValue(in, key.kind())) : Optional.empty();
      entries.put(key, new Entry(value, ParsedCodec.readProblems(in)));
    }
    if (in.available() != 0) {
      throw new IOException(in.available() + " bytes after the last entry");
    }
    return entries;
  }

  private void writeStore(Path file) {
    try {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
      DataOutputStream out = new DataOutputStream(buffer);
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      ParsedCodec.write(out, codeFingerprint());
      out.writeInt(last.size());
      for (Map.Entry<Key, Entry> e : last.entrySet()) {
        ParsedCodec.write(out, e.getKey().kind());
        ParsedCodec.write(out, e.getKey().file());
        ParsedCodec.write(out, e.getKey().sha256());
        Optional<?> value = e.getValue().value();
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
          ParsedCodec.writeValue(out, e.getKey().kind(), value.get());
        }
        ParsedCodec.writeProblems(out, e.getValue().problems());
      }
      out.flush();
      byte[] body = buffer.toByteArray();
      Files.createDirectories(file.getParent());
      // Not createTempFile, whose files are private to this user: a cache written at image build
      // time is read by the image's unprivileged user. The umask decides, as for any file written.
      Path tmp = file.resolveSibling(file.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
      try {
        Files.write(tmp, body, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.APPEND)) {
          channel.write(ByteBuffer.wrap(digest(body)));
          channel.force(true);
        }
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      storeBehind = false;
      storeStatus = (storeTrouble ? storeStatus + "; rewritten, " : "parse cache " + file + ": ") + last.size() + " entries";
    } catch (IOException | UncheckedIOException e) {
      // A cache that cannot be written costs the next process a parse, nothing else.
      storeBehind = true;
      storeTrouble = true;
      storeStatus = "parse cache " + file + " not written: " + e.getMessage();
    }
  }

  /** The classes whose code decides what a file parses to: a change to any of them makes stored entries foreign. */
  private static final List<Class<?>> PARSER_CLASSES = List.of(GraphDataReader.class, RawGraphReader.class,
      ReleaseMetadataReader.class, Json.class, InputLimits.class, Architectures.class, ReleaseArchitecture.class,
      MetadataKeys.class, Versions.class, Channel.class, BlockedEdge.class, OsTransition.class, LoadProblem.class,
      Problems.class, ReleaseSet.class, ReleaseEdge.class, Release.class, Risk.class, MatchingRule.class,
      ParsedCodec.class, ParsedFiles.class);

  private static volatile String fingerprint;

  /** SHA-256 of the parsing classes' bytecode and the Jackson versions: what a store must have been written by. */
  static String codeFingerprint() {
    String f = fingerprint;
    if (f == null) {
      MessageDigest md = sha256();
      for (Class<?> c : PARSER_CLASSES) {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
          if (in == null) {
            throw new IllegalStateException("class file of " + c.getName() + " not found");
          }
          md.update(c.getName().getBytes(StandardCharsets.UTF_8));
          md.update(in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the class file of " + c.getName(), e);
        }
      }
      for (Object version : List.of(Json.JSON.version(), Json.JSON.getFactory().version(), Json.YAML.getFactory().version())) {
        md.update(version.toString().getBytes(StandardCharsets.UTF_8));
      }
      f = HexFormat.of().formatHex(md.digest());
      fingerprint = f;
    }
    return f;
  }

  private static byte[] digest(byte[] bytes) {
    return sha256().digest(bytes);
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
