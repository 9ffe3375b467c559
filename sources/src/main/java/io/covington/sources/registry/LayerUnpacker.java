package io.covington.sources.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks image layers into a directory, bottom-most first, safely: only regular files and folders
 * are written; an entry whose path would leave the directory (absolute, {@code ..}) is refused,
 * and links of any kind are left out (graph-data is plain files, and a link is the classic way out
 * of the target). Whiteouts ({@code .wh.NAME}, {@code .wh..wh..opq}) delete what lower layers
 * wrote, as a container runtime would.
 */
final class LayerUnpacker {

  private final Path target;
  private final long maxBytes;
  private final List<String> skipped = new ArrayList<>();
  private long written;

  /**
   * @param maxBytes the most bytes all layers may unpack to, against tar bombs
   */
  LayerUnpacker(Path target, long maxBytes) {
    this.target = target.toAbsolutePath().normalize();
    this.maxBytes = maxBytes;
  }

  /** Entries left out (links, devices), for the log. */
  List<String> skipped() {
    return List.copyOf(skipped);
  }

  /**
   * Unpacks one layer over what is there.
   *
   * @throws IOException when the layer is not a readable tar or an entry tries to leave the target
   */
  void unpack(InputStream layer) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(LayerSearch.decompressed(layer));
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      String name = LayerSearch.normalize(entry.getName());
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      Path path = inside(name);
      String base = path.getFileName().toString();
      if (base.equals(".wh..wh..opq")) {
        deleteChildren(path.getParent());
      } else if (base.startsWith(".wh.")) {
        deleteTree(path.getParent().resolve(base.substring(4)));
      } else if (isLinkOrSpecial(entry)) {
        skipped.add(name + (entry.isSymbolicLink() || entry.isLink() ? " -> " + entry.getLinkName() : ""));
      } else if (entry.isDirectory()) {
        Files.createDirectories(path);
      } else if (entry.isFile()) {
        written += entry.getSize();
        if (written > maxBytes) {
          throw new IOException("the image unpacks to more than " + maxBytes + " bytes");
        }
        Files.createDirectories(path.getParent());
        deleteTree(path);
        Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
      } else {
        skipped.add(name + (entry.isSymbolicLink() || entry.isLink() ? " -> " + entry.getLinkName() : ""));
      }
    }
  }

  /** Commons Compress counts a symbolic link as a file too: look at the type first. */
  static boolean isLinkOrSpecial(TarArchiveEntry entry) {
    return entry.isSymbolicLink() || entry.isLink() || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO();
  }

  private Path inside(String name) throws IOException {
    Path path = target.resolve(name).normalize();
    if (!path.startsWith(target) || path.equals(target)) {
      throw new IOException("layer entry '" + name + "' points outside the unpack directory; refusing the image");
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

  static void deleteTree(Path path) throws IOException {
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
