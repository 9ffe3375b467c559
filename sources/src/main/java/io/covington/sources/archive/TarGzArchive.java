package io.covington.sources.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts a {@code .tar.gz} archive of graph-data safely ({@link Untar}): only regular files and
 * directories, every entry inside the target directory, within a budget of bytes and entries. An
 * entry that would land outside it ({@code ../}, an absolute path), a symbolic or hard link, or a
 * device fails the whole extraction.
 */
final class TarGzArchive {

  private TarGzArchive() {}

  /**
   * Extracts {@code archive} into {@code target} (created) within {@link Untar.Budget#ARCHIVE},
   * refusing links, devices and pipes, and returns the graph-data root in it.
   */
  public static Path extract(byte[] archive, Path target) throws IOException {
    Files.createDirectories(target);
    try (InputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(archive))) {
      new Untar(target, Untar.Budget.ARCHIVE, Untar.Special.REFUSE, false).unpack(in);
    }
    return graphDataRoot(target.toAbsolutePath().normalize());
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
