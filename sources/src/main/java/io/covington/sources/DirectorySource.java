package io.covington.sources;

import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InputLimits;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.ParsedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A graph-data directory on disk, watched for changes. Its revision for change detection is a
 * fingerprint of every entry's path and type, every file's size and modification time, and every
 * entry's status-change time (so a {@code chmod} or a copy keeping modification times counts); the
 * graph-data read from it is named by its content hash.
 *
 * <p>A read is consistent or not made: the fingerprint taken after reading must equal the one
 * taken before, else the files changed under the reader ({@link InputsChanging}: try again later).
 * With a quiet period, the directory is not read at all while a file in it was changed less than
 * that long ago (a file being rewritten, a tree being copied in).
 */
public final class DirectorySource implements Source<GraphData> {

  private static final Logger LOG = LoggerFactory.getLogger(DirectorySource.class);

  /** How long to wait before looking again at files that changed while they were read. */
  static final Duration RETRY_AFTER_CHANGE = Duration.ofMillis(500);

  /** Whether files have a status-change time ({@code unix:ctime}). */
  private static final boolean UNIX_VIEW = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

  private final Path dir;
  private final Duration quiet;
  /** The files parsed by the last read, reused for those whose bytes did not change. */
  private final ParsedFiles parsed;
  private final InputLimits limits;
  private String fingerprint;
  /** The files last seen, and since when (monotonic), for the quiet period. */
  private String candidate;
  private long candidateSeenNanos;
  private WatchService watcher;
  private Thread watching;

  /** A directory read whenever asked (for the commands), within the default limits. */
  public DirectorySource(Path dir) {
    this(dir, Duration.ZERO, InputLimits.DEFAULT);
  }

  /**
   * @param quiet how long no file may have been modified before the directory is read
   * @param limits how much is read
   */
  public DirectorySource(Path dir, Duration quiet, InputLimits limits) {
    this(dir, quiet, limits, ParseCache.none());
  }

  /**
   * @param quiet how long no file may have been modified before the directory is read
   * @param limits how much is read
   * @param cache where the files' parse is kept between processes
   */
  public DirectorySource(Path dir, Duration quiet, InputLimits limits, ParseCache cache) {
    this.dir = dir.toAbsolutePath().normalize();
    this.parsed = cache.directory(this.dir);
    this.quiet = quiet;
    this.limits = limits;
  }

  /** The fingerprint of the files now; {@link InputsChanging} while one was modified within the quiet period. */
  @Override
  public String update() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("graph-data directory " + dir + " does not exist");
    }
    Fingerprint now = fingerprint();
    if (!now.digest().equals(candidate)) {
      candidate = now.digest();
      candidateSeenNanos = System.nanoTime();
    }
    if (!quiet.isZero()) {
      // Quiet when the newest change is older than the quiet period by the wall clock, or when
      // the same files have been seen for that long by the monotonic clock: a change time in the
      // future (files from a machine with a skewed clock, the clock set back) then only delays
      // the read by one quiet period instead of forever.
      Duration since = Duration.between(now.newest(), Instant.now());
      Duration seen = Duration.ofNanos(System.nanoTime() - candidateSeenNanos);
      boolean quietByClock = !since.isNegative() && since.compareTo(quiet) >= 0;
      if (!quietByClock && seen.compareTo(quiet) < 0) {
        String when = since.isNegative()
            ? "has a change time " + since.negated().toMillis() + " ms in the future (" + now.newest() + ")"
            : "was modified " + since.toMillis() + " ms ago";
        Duration wait = since.isNegative() ? quiet.minus(seen) : min(quiet.minus(seen), quiet.minus(since));
        throw new InputsChanging(dir + " " + when + "; it is read once no file has changed for " + quiet.toMillis() + " ms",
            wait);
      }
    }
    fingerprint = now.digest();
    return fingerprint;
  }

  /** The graph-data, read only if no file changed since {@link #update()} looked, and still not when it was done. */
  @Override
  public GraphData read() throws IOException, InvalidInputException {
    String before = parsed.storeStatus();
    GraphData data = GraphDataReader.read(dir, limits, parsed);
    ParseCache.report("graph-data " + dir, parsed, before);
    if (!fingerprint().digest().equals(fingerprint)) {
      throw new InputsChanging("files of " + dir + " changed while they were read; they are read again once quiet",
          quiet.isZero() ? RETRY_AFTER_CHANGE : quiet);
    }
    return data;
  }

  /** A digest of every entry's path and type, every file's size and modification time, and every entry's change time. */
  record Fingerprint(String digest, Instant newest) {}

  private Fingerprint fingerprint() throws IOException {
    return fingerprint(dir);
  }

  /** The fingerprint of the tree under {@code dir}, four levels deep; {@link InputsChanging} while it is being changed. */
  static Fingerprint fingerprint(Path dir) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Instant newest = Instant.EPOCH;
      List<Path> entries;
      try (Stream<Path> files = Files.walk(dir, 4)) {
        entries = files.sorted().toList();
      } catch (UncheckedIOException e) {
        // An entry vanished while the tree was walked.
        throw new InputsChanging(dir + " changed while it was listed (" + e.getCause().getMessage() + ")", RETRY_AFTER_CHANGE);
      }
      for (Path p : entries) {
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          throw new InputsChanging(p + " vanished while " + dir + " was listed", RETRY_AFTER_CHANGE);
        }
        String type = a.isRegularFile() ? "f" : a.isDirectory() ? "d" : a.isSymbolicLink() ? "l" : "o";
        Instant modified = changed(p, a);
        sha.update((dir.relativize(p) + "\0" + type + "\0" + (a.isRegularFile() ? a.size() + "\0" + a.lastModifiedTime().toInstant() : "")
            + "\0" + modified + "\0").getBytes(StandardCharsets.UTF_8));
        if (modified.isAfter(newest)) {
          newest = modified;
        }
      }
      return new Fingerprint("files-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12), newest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * When {@code p} last changed: its status-change time where the platform has one (it also moves
   * on {@code chmod}, {@code chown}, and on copies that keep the modification time, as {@code cp
   * -p} and {@code rsync -t} do), else its modification time.
   */
  private static Instant changed(Path p, BasicFileAttributes a) {
    Instant modified = a.lastModifiedTime().toInstant();
    if (!UNIX_VIEW) {
      return modified;
    }
    try {
      Instant status = ((FileTime) Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).toInstant();
      return status.isAfter(modified) ? status : modified;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return modified;
    }
  }

  @Override
  public String location() {
    return dir.toString();
  }

  /**
   * Watches the directory and its sub-directories on a daemon thread and calls {@code listener}
   * on every change event. Where the platform cannot watch, polling alone notices changes.
   */
  @Override
  public synchronized void onChange(Runnable listener) {
    try {
      watcher = FileSystems.getDefault().newWatchService();
      register();
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("cannot watch {} ({}); changes are noticed on the reload interval", dir, e.toString());
      return;
    }
    watching = new Thread(() -> watch(listener), "covington-watch-graph-data");
    watching.setDaemon(true);
    watching.start();
  }

  private void register() throws IOException {
    List<Path> dirs;
    try (Stream<Path> all = Files.walk(dir, 2)) {
      dirs = all.filter(Files::isDirectory).toList();
    }
    for (Path d : dirs) {
      d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
          StandardWatchEventKinds.ENTRY_MODIFY);
    }
  }

  private void watch(Runnable listener) {
    try {
      while (true) {
        WatchKey key = watcher.take();
        key.pollEvents();
        key.reset();
        // A new sub-directory (e.g. blocked-edges/ created after start) is watched from now on.
        register();
        listener.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ClosedWatchServiceException e) {
      // closed: stop watching
    } catch (IOException e) {
      LOG.warn("stopped watching {}: {}", dir, e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (watcher != null) {
      try {
        watcher.close();
      } catch (IOException e) {
        LOG.debug("closing the watcher of {}: {}", dir, e.toString());
      }
    }
    if (watching != null) {
      watching.interrupt();
    }
  }
}
