package io.covington.graph.bundled;

import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InputLimits;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.ParsedFiles;
import io.covington.graph.input.Problems;
import io.covington.graph.input.RawGraphReader;
import io.covington.graph.input.ReleaseSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenShift data shipped in the jar: real cincinnati-graph-data and releases derived from
 * captured public responses (see {@code bundled/openshift/SOURCES.md}).
 */
public final class BundledData {

  private static final String ROOT = "/io/covington/graph/bundled/";

  private BundledData() {}

  /** The bundled releases: 1,368 OpenShift amd64 releases of 4.0–5.0 and the OKD releases. */
  public static ReleaseSet releases() throws InvalidInputException {
    return releases(ParsedFiles.once());
  }

  /** The bundled releases, parsed only when {@code parsed} holds no parse of these very bytes. */
  public static ReleaseSet releases(ParsedFiles parsed) throws InvalidInputException {
    return parsed.read(() -> releases("openshift", parsed).merge(releases("okd", parsed)));
  }

  /**
   * The bundled graph-data: openshift/cincinnati-graph-data with the OKD channels laid over it.
   * Running from the jar, each call reads through a zip file system of its own, closed when read:
   * a zip file system's channel closes for good when a thread reading it is interrupted, so a
   * shared one would leave every later read (every reload) failing with ClosedChannelException.
   */
  public static GraphData graphData() throws InvalidInputException {
    return graphData(ParsedFiles.once());
  }

  /** The bundled graph-data, parsing only the files {@code parsed} holds no parse of. */
  public static GraphData graphData(ParsedFiles parsed) throws InvalidInputException {
    return parsed.read(() -> read("openshift/graph-data", parsed).merge(read("okd/graph-data", parsed)));
  }

  private static GraphData read(String name, ParsedFiles parsed) throws InvalidInputException {
    URL url = resource(name + "/version");
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return GraphDataReader.read(Path.of(uri).getParent(), InputLimits.DEFAULT, parsed);
      }
      String spec = uri.getRawSchemeSpecificPart();
      Path jar = Path.of(new URI(spec.substring(0, spec.indexOf("!/"))));
      try (FileSystem fs = FileSystems.newFileSystem(jar, Map.of())) {
        return GraphDataReader.read(fs.getPath(ROOT + name), InputLimits.DEFAULT, parsed);
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("bundled data at " + url + " cannot be opened", e);
    }
  }

  private static ReleaseSet releases(String set, ParsedFiles parsed) throws InvalidInputException {
    byte[] bytes;
    try (InputStream in = resource(set + "/releases.json").openStream()) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("the jar's bundled releases cannot be read", e);
    }
    String source = "bundled:" + set + "/releases.json";
    Problems problems = new Problems();
    Optional<ReleaseSet> read = parsed.parse("releases", source, bytes, problems, (b, found) -> {
      try {
        return Optional.of(RawGraphReader.read(b, source));
      } catch (InvalidInputException e) {
        e.problems().forEach(found::add);
        return Optional.empty();
      }
    });
    if (read.isEmpty()) {
      throw new InvalidInputException(problems.list());
    }
    return read.get();
  }

  /**
   * A bundled directory as a {@link Path}: a plain directory when running from classes, a path in
   * the jar's shared zip file system when running from the jar (for tools and tests that copy or
   * list it; the server reads through {@link #graphData()}).
   */
  public static Path directory(String name) {
    URL url = resource(name + "/version");
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return fs.getPath(ROOT + name);
      }
      return Path.of(uri).getParent();
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("bundled data at " + url + " cannot be opened", e);
    }
  }

  private static URL resource(String name) {
    URL url = BundledData.class.getResource(ROOT + name);
    if (url == null) {
      throw new IllegalStateException("bundled resource " + ROOT + name + " is missing from the jar");
    }
    return url;
  }
}
