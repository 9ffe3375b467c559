package io.covington.graph.coreos;

import io.covington.graph.input.BoundedInput;
import io.covington.graph.input.InputLimits;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads CoreOS streams from a directory ({@code DIR/<stream>/releases.json} and
 * {@code DIR/<stream>/updates.json}), from the bundled defaults, or from two documents fetched
 * elsewhere. A stream with any problem is left out and reported in the snapshot's problems.
 */
public final class CoreOsStreams {

  /** The streams bundled in this jar, under {@link #BUNDLED_ROOT}. */
  public static final List<String> BUNDLED_STREAMS = List.of("stable", "testing", "next");

  /** The classpath folder of the bundled streams. */
  public static final String BUNDLED_ROOT = "io/covington/graph/bundled/coreos/";

  static final String RELEASES_JSON = "releases.json";
  static final String UPDATES_JSON = "updates.json";

  private CoreOsStreams() {}

  /**
   * Reads every sub-directory of {@code dir} as a stream named after it.
   *
   * @throws InvalidInputException if {@code dir} is not a readable directory
   */
  public static CoreOsSnapshot loadDirectory(Path dir) throws InvalidInputException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(
          List.of(
              LoadProblem.of(
                  dir.toString(),
                  "missing_directory",
                  "not a directory; expected DIR/<stream>/releases.json and updates.json")));
    }
    List<Path> streamDirs;
    try (Stream<Path> children = Files.list(dir)) {
      streamDirs = children.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new InvalidInputException(
          List.of(LoadProblem.of(dir.toString(), "unreadable", "cannot list: " + e.getMessage())));
    }
    Problems problems = new Problems();
    List<CoreOsStream> streams = new ArrayList<>();
    for (Path streamDir : streamDirs) {
      String name = streamDir.getFileName().toString();
      Optional<InputStream> releases = open(streamDir.resolve(RELEASES_JSON), problems);
      Optional<InputStream> updates = open(streamDir.resolve(UPDATES_JSON), problems);
      if (releases.isPresent() && updates.isPresent()) {
        read(
                name,
                streamDir.resolve(RELEASES_JSON).toString(),
                releases.get(),
                streamDir.resolve(UPDATES_JSON).toString(),
                updates.get(),
                problems)
            .ifPresent(streams::add);
      } else {
        releases.ifPresent(CoreOsStreams::closeQuietly);
        updates.ifPresent(CoreOsStreams::closeQuietly);
      }
    }
    return CoreOsSnapshot.of(streams, problems.list());
  }

  /**
   * The bundled streams ({@link #BUNDLED_STREAMS}), read from the classpath: works from a
   * directory and from inside a jar, since the stream names are fixed rather than listed.
   *
   * @throws IllegalStateException if a bundled file is missing or invalid (a packaging bug)
   */
  public static CoreOsSnapshot loadBundled() {
    return loadBundled(CoreOsStreams.class.getClassLoader());
  }

  /**
   * The bundled streams as found by {@code loader}, as {@link #loadBundled()}.
   *
   * @throws IllegalStateException if a bundled file is missing or invalid (a packaging bug)
   */
  public static CoreOsSnapshot loadBundled(ClassLoader loader) {
    Problems problems = new Problems();
    List<CoreOsStream> streams = new ArrayList<>();
    for (String name : BUNDLED_STREAMS) {
      String releases = BUNDLED_ROOT + name + "/" + RELEASES_JSON;
      String updates = BUNDLED_ROOT + name + "/" + UPDATES_JSON;
      read(
              name,
              "classpath:" + releases,
              resource(loader, releases),
              "classpath:" + updates,
              resource(loader, updates),
              problems)
          .ifPresent(streams::add);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("bundled CoreOS data is invalid: " + problems.list());
    }
    return CoreOsSnapshot.of(streams, List.of());
  }

  /**
   * Reads one stream from its two documents (both closed afterwards) and checks that both
   * declare {@code name}; on any problem, reports it and answers empty.
   */
  public static Optional<CoreOsStream> read(
      String name,
      String releasesSource,
      InputStream releases,
      String updatesSource,
      InputStream updates,
      Problems problems) {
    Optional<ReleaseIndex> index = ReleaseIndexReader.read(releasesSource, releases, problems);
    Optional<UpdatesMetadata> metadata = UpdatesReader.read(updatesSource, updates, problems);
    if (index.isEmpty() || metadata.isEmpty()) {
      return Optional.empty();
    }
    boolean ok = checkStream(name, index.get().stream(), releasesSource, problems);
    ok &= checkStream(name, metadata.get().stream(), updatesSource, problems);
    return ok ? Optional.of(new CoreOsStream(name, index.get(), metadata.get())) : Optional.empty();
  }

  private static boolean checkStream(String expected, String declared, String source, Problems problems) {
    if (expected.equals(declared)) {
      return true;
    }
    problems.add(
        LoadProblem.of(
            source,
            "stream_mismatch",
            "declares stream `" + declared + "` but is the input of stream `" + expected + "`"));
    return false;
  }

  /**
   * A stream over {@code file}: only a regular file, at most {@link InputLimits#maxDocumentBytes()},
   * counted as it is read.
   */
  private static Optional<InputStream> open(Path file, Problems problems) {
    long max = InputLimits.DEFAULT.maxDocumentBytes();
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        problems.add(LoadProblem.of(file.toString(), "not_a_regular_file", "not a regular file (a directory, pipe or device); not read"));
        return Optional.empty();
      }
      if (attributes.size() > max) {
        problems.add(LoadProblem.of(file.toString(), "document_too_large",
            attributes.size() + " bytes, more than the " + InputLimits.size(max) + " a document may have"));
        return Optional.empty();
      }
      return Optional.of(BoundedInput.of(Files.newInputStream(file), max, file.toString()));
    } catch (IOException e) {
      problems.add(
          LoadProblem.of(
              file.toString(),
              "missing_file",
              "cannot open (" + e + "); every stream needs releases.json and updates.json"));
      return Optional.empty();
    }
  }

  private static InputStream resource(ClassLoader loader, String path) {
    InputStream in = loader.getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("bundled resource " + path + " is missing from the classpath");
    }
    return in;
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
