package io.covington.graph.input;

/**
 * How much input is read before it is refused: no input, however large or deep, may exhaust the
 * heap or hold up a reload. The defaults leave two orders of magnitude over the real data: the
 * largest file of openshift/cincinnati-graph-data is 18 KB and the whole tree 1.2 MB (1,821
 * files); the real CoreOS release index is about 2 MB.
 *
 * @param maxFileBytes the largest graph-data or release-metadata file read
 * @param maxTreeBytes all the files of one graph-data or release-metadata directory together
 * @param maxTreeFiles the most files one such directory may hold
 * @param maxDocumentBytes the largest single document read whole: a raw graph, a CoreOS release
 *     index or updates document, a body fetched from a URL
 */
public record InputLimits(long maxFileBytes, long maxTreeBytes, int maxTreeFiles, long maxDocumentBytes) {

  /** 1 MiB per file, 64 MiB and 50,000 files per tree, 64 MiB per document. */
  public static final InputLimits DEFAULT = new InputLimits(1L << 20, 64L << 20, 50_000, 64L << 20);

  public InputLimits {
    if (maxFileBytes < 1 || maxTreeBytes < maxFileBytes || maxTreeFiles < 1 || maxDocumentBytes < 1) {
      throw new IllegalArgumentException("input limits must be positive, and a tree at least one file: " + maxFileBytes
          + ", " + maxTreeBytes + ", " + maxTreeFiles + ", " + maxDocumentBytes);
    }
  }

  /** A human size, e.g. {@code 1 MiB}, for messages. */
  public static String size(long bytes) {
    if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }
}
