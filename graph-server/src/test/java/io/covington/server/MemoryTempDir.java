package io.covington.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary directories in memory ({@code /dev/shm}) where the machine has it: tests that copy
 * the real graph-data's 1,800 files take seconds on a slow disk and a fraction of one in memory.
 * Use as {@code @TempDir(factory = MemoryTempDir.class)}.
 */
public final class MemoryTempDir implements TempDirFactory {

  @Override
  public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempDirectory(shm, "covington-test-")
        : Files.createTempDirectory("covington-test-");
  }
}
