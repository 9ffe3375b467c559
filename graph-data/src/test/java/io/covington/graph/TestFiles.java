package io.covington.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes input files in their real formats for tests, and finds the test corpus. */
public final class TestFiles {

  private TestFiles() {}

  /** Writes {@code content} to {@code dir/relative}, creating folders; returns the file. */
  public static Path write(Path dir, String relative, String content) {
    try {
      Path file = dir.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An empty graph-data directory of layout 1.1.0 (version file, empty channels and blocks). */
  public static Path graphData(Path dir) {
    write(dir, "version", "1.1.0\n");
    try {
      Files.createDirectories(dir.resolve("channels"));
      Files.createDirectories(dir.resolve("blocked-edges"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** A test-classpath resource as a file path (the tests run from unpacked classes). */
  public static Path corpus(String relative) {
    URL url = TestFiles.class.getResource("/corpus/" + relative);
    if (url == null) {
      throw new IllegalStateException("test corpus file " + relative + " is missing");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] corpusBytes(String relative) {
    try (InputStream in = Files.newInputStream(corpus(relative))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
