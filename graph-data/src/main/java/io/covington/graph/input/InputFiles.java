package io.covington.graph.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Reads the files of one input tree (a graph-data or release-metadata directory) safely: only
 * regular files inside the tree (a symbolic link that leaves it, a pipe or a device is refused
 * without being opened), each within {@link InputLimits#maxFileBytes()} and all of them within the
 * tree's byte and file budget, counted as the bytes really arrive. Each refusal is a problem naming
 * the file. One instance per read of a tree; not thread-safe.
 */
final class InputFiles {

  private final Path root;
  private final Path realRoot;
  private final InputLimits limits;
  private long bytesRead;
  private int filesRead;
  private boolean overBudget;

  InputFiles(Path root, InputLimits limits) throws IOException {
    this.root = root;
    this.realRoot = root.toRealPath();
    this.limits = limits;
  }

  /**
   * The bytes of {@code file}, or null after reporting why it was not read.
   *
   * @param kind what the file is, for messages, e.g. {@code channel file}
   */
  byte[] read(Path file, String kind, Problems problems) {
    String source = file.toString();
    try {
      Path real = file.toRealPath();
      if (!real.startsWith(realRoot)) {
        problems.add(source, "symlink_outside", "a symbolic link leads to " + real + ", outside " + root
            + "; links may only point inside the input tree");
        return null;
      }
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        problems.add(source, "not_a_regular_file", "the " + kind + " is not a regular file (a directory, pipe or device); it is not read");
        return null;
      }
      if (attributes.size() > limits.maxFileBytes()) {
        problems.add(source, "file_too_large", "the " + kind + " is " + attributes.size() + " bytes, more than the "
            + InputLimits.size(limits.maxFileBytes()) + " a file may have (--max-file-size)");
        return null;
      }
      if (overBudget || ++filesRead > limits.maxTreeFiles()) {
        tooMuch(problems, "more than " + limits.maxTreeFiles() + " files");
        return null;
      }
      byte[] bytes = readAtMost(file, limits.maxFileBytes());
      if (bytes == null) {
        problems.add(source, "file_too_large", "the " + kind + " grew past the " + InputLimits.size(limits.maxFileBytes())
            + " a file may have while it was read");
        return null;
      }
      bytesRead += bytes.length;
      if (bytesRead > limits.maxTreeBytes()) {
        tooMuch(problems, "more than " + InputLimits.size(limits.maxTreeBytes()));
        return null;
      }
      return bytes;
    } catch (NoSuchFileException e) {
      problems.add(source, "changed_while_reading", "the " + kind + " vanished while the tree was read");
    } catch (AccessDeniedException e) {
      problems.add(source, "unreadable", "permission denied: the " + kind + " cannot be read by the server's user");
    } catch (IOException e) {
      problems.add(source, "unreadable", e.getMessage() == null ? e.toString() : e.getMessage());
    }
    return null;
  }

  /** The number of files read so far, for the tree's count budget. */
  int filesRead() {
    return filesRead;
  }

  private void tooMuch(Problems problems, String what) {
    if (!overBudget) {
      overBudget = true;
      problems.add(root.toString(), "tree_too_large", "the input tree holds " + what + "; the rest is not read"
          + " (limits: " + limits.maxTreeFiles() + " files, " + InputLimits.size(limits.maxTreeBytes()) + ")");
    }
  }

  /** The file's bytes, or null when it has more than {@code max}: never reads more than {@code max + 1}. */
  static byte[] readAtMost(Path file, long max) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return readAtMost(in, max);
    }
  }

  /** The stream's bytes, or null when it has more than {@code max}: never reads more than {@code max + 1}. */
  static byte[] readAtMost(InputStream in, long max) throws IOException {
    int limit = (int) Math.min(Integer.MAX_VALUE - 16, max + 1);
    byte[] buffer = new byte[Math.min(limit, 8192)];
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        if (length >= limit) {
          return null;
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(limit, (long) buffer.length * 2));
      }
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        return length > max ? null : Arrays.copyOf(buffer, length);
      }
      length += n;
      if (length > max) {
        return null;
      }
    }
  }
}
