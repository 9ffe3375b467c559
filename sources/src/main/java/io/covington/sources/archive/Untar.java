package io.covington.sources.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks tar streams (graph-data archives, image layers) into a directory, safely: only regular
 * files and folders are written, every entry inside the directory (an absolute path or {@code ..}
 * is refused), and within a budget of bytes and entries counted as the bytes are really written —
 * never trusting a header's size — and never beyond the disk space the target has left. A tar bomb
 * is stopped at the budget; the caller deletes what was written. Links, devices and pipes are
 * either refused or left out, as the caller asks. One instance per target; not thread-safe.
 */
public final class Untar {

  /** What to do with a link, device or pipe. */
  public enum Special {
    /** Refuse the whole archive. */
    REFUSE,
    /** Leave the entry out and list it in {@link #skipped()}. */
    SKIP
  }

  /**
   * How much one target may receive.
   *
   * @param maxBytes the most bytes all entries together may unpack to
   * @param maxEntries the most entries (files and folders)
   */
  public record Budget(long maxBytes, int maxEntries) {
    /** 256 MiB and 100,000 entries: two orders of magnitude over the real graph-data. */
    public static final Budget ARCHIVE = new Budget(256L << 20, 100_000);
  }

  /** Disk space always left free on the target's file system. */
  static final long DISK_RESERVE = 64L << 20;

  private final Path target;
  private final Budget budget;
  private final Special special;
  private final boolean whiteouts;
  private final List<String> skipped = new ArrayList<>();
  private long written;
  private int entries;

  /**
   * @param whiteouts apply OCI whiteouts ({@code .wh.NAME}, {@code .wh..wh..opq}) as a container
   *     runtime does, for image layers unpacked bottom-most first
   */
  public Untar(Path target, Budget budget, Special special, boolean whiteouts) {
    this.target = target.toAbsolutePath().normalize();
    this.budget = budget;
    this.special = special;
    this.whiteouts = whiteouts;
  }

  /** Entries left out (links, devices, pipes), for the log. */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }

  /** The bytes written so far. */
  public long written() {
    return written;
  }

  /**
   * Unpacks one uncompressed tar stream over what is there.
   *
   * @throws IOException when the stream is not a readable tar, an entry would leave the target,
   *     is refused, or the budget or the disk is exhausted
   */
  public void unpack(InputStream uncompressed) throws IOException {
    Files.createDirectories(target);
    long disk = Files.getFileStore(target).getUsableSpace() - DISK_RESERVE;
    long limit = Math.min(budget.maxBytes(), Math.max(0, disk) + written);
    TarArchiveInputStream tar = new TarArchiveInputStream(uncompressed);
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      if (entry.isGlobalPaxHeader() || entry.isPaxHeader()) {
        continue;
      }
      String name = normalize(entry.getName());
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (++entries > budget.maxEntries()) {
        throw new IOException("the archive has more than " + budget.maxEntries() + " entries; refused");
      }
      Path path = inside(name);
      String base = path.getFileName().toString();
      if (whiteouts && base.equals(".wh..wh..opq")) {
        deleteChildren(path.getParent());
      } else if (whiteouts && base.startsWith(".wh.")) {
        deleteTree(path.getParent().resolve(base.substring(4)));
      } else if (isLinkOrSpecial(entry) || !(entry.isDirectory() || entry.isFile())) {
        String what = name + (entry.isSymbolicLink() || entry.isLink() ? " -> " + entry.getLinkName() : "");
        if (special == Special.REFUSE) {
          throw new IOException("archive entry " + what + " is a link, device or pipe; refused");
        }
        skipped.add(what);
      } else if (entry.isDirectory()) {
        Files.createDirectories(path);
      } else {
        Files.createDirectories(path.getParent());
        deleteTree(path);
        copy(tar, path, limit);
      }
    }
  }

  /** Copies the entry's bytes, stopping with an error once the target would get more than {@code limit}. */
  private void copy(InputStream in, Path path, long limit) throws IOException {
    byte[] buffer = new byte[64 << 10];
    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        written += n;
        if (written > limit) {
          throw new IOException(limit < budget.maxBytes()
              ? "the archive unpacks to more than the " + limit + " bytes of disk left for it; refused"
              : "the archive unpacks to more than " + budget.maxBytes() + " bytes; refused (a decompression bomb?)");
        }
        out.write(buffer, 0, n);
      }
    }
  }

  /** Commons Compress counts a symbolic link as a file too: look at the type first. */
  public static boolean isLinkOrSpecial(TarArchiveEntry entry) {
    return entry.isSymbolicLink() || entry.isLink() || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO();
  }

  /** An entry name as a relative path: leading {@code ./} and {@code /} removed. */
  public static String normalize(String name) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    while (n.startsWith("/")) {
      n = n.substring(1);
    }
    return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }

  private Path inside(String name) throws IOException {
    Path path = target.resolve(name).normalize();
    if (!path.startsWith(target) || path.equals(target)) {
      throw new IOException("archive entry '" + name + "' points outside the unpack directory; refused");
    }
    // A folder of the path could have been made a link by nothing but this class, which writes
    // none, so checking the lexical path is enough.
    return path;
  }

  private void deleteChildren(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.toList()) {
        deleteTree(child);
      }
    }
  }

  /** Deletes {@code path} and everything below it, if it exists; never follows links. */
  public static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
