package io.covington.sources.registry;

import io.covington.sources.archive.Untar;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Looks for one file in an image layer by streaming its (gzip'd or plain) tar, stopping at the
 * file. PAX and GNU long-name headers are handled by Commons Compress. A whiteout of the file, or
 * an opaque whiteout of its folder, in this layer hides it in every lower layer.
 */
final class LayerSearch {

  /** What one layer says about the file. */
  sealed interface Result {}

  /** The layer holds the file. */
  record Found(byte[] content) implements Result {}

  /** The layer deletes the file from the layers below it. */
  record WhitedOut() implements Result {}

  /** The layer does not mention the file. */
  record Absent() implements Result {}

  private LayerSearch() {}

  /**
   * @param path the file's path inside the image, without a leading {@code /}
   * @param maxBytes the largest file accepted
   */
  static Result find(InputStream layer, String path, int maxBytes) throws IOException {
    int slash = path.lastIndexOf('/');
    String folder = slash < 0 ? "" : path.substring(0, slash + 1);
    String whiteout = folder + ".wh." + path.substring(slash + 1);
    String opaque = folder + ".wh..wh..opq";
    boolean hidden = false;
    TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(layer));
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      String name = Untar.normalize(entry.getName());
      if (name.equals(path) && entry.isFile() && !Untar.isLinkOrSpecial(entry)) {
        if (entry.getSize() > maxBytes) {
          throw new IOException(path + " is " + entry.getSize() + " bytes, more than the " + maxBytes + " accepted");
        }
        return new Found(tar.readNBytes((int) entry.getSize()));
      }
      if (name.equals(whiteout) || name.equals(opaque)) {
        hidden = true;
      }
    }
    return hidden ? new WhitedOut() : new Absent();
  }

  /** The tar stream inside a layer blob: gunzipped when it starts with the gzip magic. */
  static InputStream decompressed(InputStream layer) throws IOException {
    BufferedInputStream in = new BufferedInputStream(layer, 65536);
    in.mark(4);
    byte[] magic = in.readNBytes(4);
    in.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
    }
    if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
      throw new IOException("zstd-compressed layers are not supported; push the image with gzip layers");
    }
    return in;
  }

  static Optional<byte[]> content(Result result) {
    return result instanceof Found found ? Optional.of(found.content()) : Optional.empty();
  }
}
