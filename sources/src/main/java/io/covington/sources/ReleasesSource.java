package io.covington.sources;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.BoundedInput;
import io.covington.graph.input.InputLimits;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.ParsedFiles;
import io.covington.graph.input.RawGraphReader;
import io.covington.graph.input.ReleaseMetadataReader;
import io.covington.graph.input.ReleaseSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The releases as {@code --releases} gives them: bundled, a release-metadata directory or raw
 * graph file (read once), or a raw graph at an {@code http(s)} URL (re-fetched on every update
 * with {@code If-None-Match}). The revision is the content hash of what was read, or the URL's
 * ETag. The one way the server and the commands read releases from a location.
 */
public final class ReleasesSource implements Source<ReleaseSet> {

  private final Optional<String> location;
  private final Reading reading;
  private final ParsedFiles bundledParse;
  private final Optional<HttpFetch> http;
  private ReleaseSet releases;
  private String revision;

  /** @param location a directory, file or URL; empty for the bundled releases */
  public ReleasesSource(Optional<String> location) {
    this(location, Reading.DEFAULT);
  }

  /**
   * @param location a directory, file or URL; empty for the bundled releases
   * @param reading the limits and deadline it is read within
   */
  public ReleasesSource(Optional<String> location, Reading reading) {
    this(location, reading, ParseCache.none());
  }

  /**
   * @param location a directory, file or URL; empty for the bundled releases
   * @param reading the limits and deadline it is read within
   * @param cache where the bundled releases' parse is kept between processes
   */
  public ReleasesSource(Optional<String> location, Reading reading, ParseCache cache) {
    this.location = location;
    this.reading = reading;
    this.bundledParse = cache.bundledReleases();
    this.http = location.filter(ReleasesSource::isUrl).map(url -> reading.fetch(url, "application/json"));
  }

  /**
   * Reads the releases at {@code location} once (a directory, a raw graph file or URL).
   *
   * @throws InvalidInputException naming the location when it cannot be read or reached
   */
  public static ReleaseSet read(String location) throws InterruptedException, InvalidInputException {
    ReleasesSource source = new ReleasesSource(Optional.of(location));
    try {
      source.update();
    } catch (IOException e) {
      throw new InvalidInputException(List.of(LoadProblem.of(location, "fetch_failed", e.getMessage() == null ? e.toString() : e.getMessage())));
    }
    return source.read();
  }

  static boolean isUrl(String location) {
    String lower = location.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  /** Whether the releases can change: only a URL is read again. */
  @Override
  public boolean isLive() {
    return http.isPresent();
  }

  /** Reads or re-fetches the releases when they may have changed; returns their revision. */
  @Override
  public String update() throws IOException, InterruptedException, InvalidInputException {
    if (http.isPresent()) {
      Optional<HttpFetch.Body> body = http.get().fetch();
      if (body.isPresent() && !body.get().revision().equals(revision)) {
        try {
          releases = nonEmpty(RawGraphReader.read(body.get().bytes(), location.orElseThrow()), location.get());
        } catch (InvalidInputException e) {
          http.get().forget();
          throw e;
        }
        revision = body.get().revision();
      }
    } else if (releases == null) {
      if (location.isEmpty()) {
        String before = bundledParse.storeStatus();
        releases = BundledData.releases(bundledParse);
        ParseCache.report("bundled releases", bundledParse, before);
      } else {
        releases = nonEmpty(readLocal(location.get(), reading.limits()), location.get());
      }
      revision = releases.revision();
    }
    return revision;
  }

  /** The releases of the last {@link #update()}. */
  @Override
  public ReleaseSet read() {
    if (releases == null) {
      throw new IllegalStateException("read() before a successful update()");
    }
    return releases;
  }

  @Override
  public String location() {
    return location.orElse("bundled");
  }

  /**
   * {@code set}, or one clear error when it has no release: every client would get the empty
   * graph, and the skipped files' problems (one per file) would hide the real mistake, usually
   * the wrong directory.
   */
  static ReleaseSet nonEmpty(ReleaseSet set, String location) throws InvalidInputException {
    if (!set.releases().isEmpty()) {
      return set;
    }
    String expected;
    if (!isUrl(location) && Files.isDirectory(Path.of(location))) {
      long notJson = set.problems().stream().filter(p -> p.kind().equals("ignored_file")).count();
      long invalid = set.problems().stream().map(LoadProblem::source).distinct().count() - notJson;
      String first = set.problems().stream().filter(p -> !p.kind().equals("ignored_file")).findFirst()
          .map(p -> "; the first: " + p).orElse("");
      expected = "expected release-metadata documents (*.json with kind " + ReleaseMetadataReader.KIND + ", 'version', 'payload'"
          + " and 'architecture'), one per release image; found " + (notJson == 0 && invalid == 0 ? "no file"
          : notJson + " file(s) that are not *.json and " + invalid + " *.json file(s) that are not release-metadata" + first)
          + ". Is it the right directory? (graph-data goes to --graph-data)";
    } else {
      expected = "expected a Cincinnati graph JSON with at least one node ({\"nodes\": [{\"version\", \"payload\", \"metadata\"}],"
          + " \"edges\": [[from, to]]})" + (set.problems().isEmpty() ? "" : "; " + set.problems().size() + " node(s) were skipped, the first: "
          + set.problems().get(0));
    }
    throw new InvalidInputException(List.of(LoadProblem.of(location, "no_releases", "no release could be read from " + location
        + ": " + expected)));
  }

  private static ReleaseSet readLocal(String location, InputLimits limits) throws InvalidInputException {
    Path path = Path.of(location);
    if (Files.isDirectory(path)) {
      return ReleaseMetadataReader.read(path, limits);
    }
    try {
      long size = Files.size(path);
      if (size > limits.maxDocumentBytes()) {
        throw new InvalidInputException(List.of(LoadProblem.of(location, "document_too_large", "the releases file is " + size
            + " bytes, more than the " + InputLimits.size(limits.maxDocumentBytes()) + " a document may have (--max-download-size)")));
      }
      try (InputStream in = Files.newInputStream(path)) {
        return RawGraphReader.read(BoundedInput.readAll(in, limits.maxDocumentBytes(), location), location);
      }
    } catch (IOException e) {
      throw new InvalidInputException(List.of(LoadProblem.of(location, "unreadable",
          "cannot read the releases (" + e + "); give a release-metadata directory, a raw graph JSON file or an http(s) URL")));
    }
  }
}
