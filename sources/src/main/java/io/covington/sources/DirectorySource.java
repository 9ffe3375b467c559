package io.covington.sources;

import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A graph-data directory on disk, watched for changes. Its revision for change detection is a
 * fingerprint of every file's path, size and modification time; the graph-data read from it is
 * named by its content hash.
 */
public final class DirectorySource implements Source<GraphData> {

  private static final Logger LOG = LoggerFactory.getLogger(DirectorySource.class);

  private final Path dir;
  private WatchService watcher;
  private Thread watching;

  public DirectorySource(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  @Override
  public String update() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("graph-data directory " + dir + " does not exist");
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (Stream<Path> files = Files.walk(dir, 4)) {
        for (Path p : files.sorted().toList()) {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
          if (a.isRegularFile()) {
            sha.update((dir.relativize(p) + "\0" + a.size() + "\0" + a.lastModifiedTime().toInstant() + "\0")
                .getBytes(StandardCharsets.UTF_8));
          }
        }
      }
      return "files-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  @Override
  public GraphData read() throws InvalidInputException {
    return GraphDataReader.read(dir);
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
