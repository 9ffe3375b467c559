package io.covington.sources.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts a {@code .tar.gz} archive of graph-data safely: only regular files and directories,
 * every entry inside the target directory. An entry that would land outside it ({@code ../},
 * an absolute path), a symbolic or hard link, or a device fails the whole extraction.
 */
final class TarGzArchive {

  /** More than the real graph-data by two orders of magnitude; stops a decompression bomb. */
  static final long MAX_BYTES = 512L * 1024 * 1024;

  private TarGzArchive() {}

  /** Extracts {@code archive} into {@code target} (created), returning the graph-data root in it. */
  public static Path extract(byte[] archive, Path target) throws IOException {
    Files.createDirectories(target);
    Path root = target.toAbsolutePath().normalize();
    long total = 0;
    try (InputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveInputStream tar = (TarArchiveInputStream) in;
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String name = entry.getName();
        if (entry.isSymbolicLink() || entry.isLink()) {
          throw new IOException("archive entry " + name + " is a link; links are refused");
        }
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root) || name.startsWith("/")) {
          throw new IOException("archive entry " + name + " points outside the extraction directory; refused");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(file);
        } else if (entry.isFile()) {
          total += entry.getSize();
          if (total > MAX_BYTES) {
            throw new IOException("archive is larger than " + MAX_BYTES + " bytes unpacked; refused");
          }
          Files.createDirectories(file.getParent());
          Files.copy(tar, file);
        } else if (!entry.isGlobalPaxHeader() && !entry.isPaxHeader()) {
          throw new IOException("archive entry " + name + " is neither a file nor a directory; refused");
        }
      }
    }
    return graphDataRoot(root);
  }

  /**
   * The directory holding the {@code version} file: the target itself, or its single
   * sub-directory as in a forge's archive ({@code cincinnati-graph-data-master/}).
   */
  static Path graphDataRoot(Path dir) throws IOException {
    if (Files.exists(dir.resolve("version"))) {
      return dir;
    }
    try (Stream<Path> children = Files.list(dir)) {
      List<Path> dirs = children.filter(Files::isDirectory).toList();
      return dirs.size() == 1 ? dirs.get(0) : dir;
    }
  }
}
