package io.covington.sources.archive;

import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InputLimits;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.sources.HttpFetch;
import io.covington.sources.Reading;
import io.covington.sources.Source;
import io.covington.sources.git.GitTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Graph-data as a {@code .tar.gz} archive at an {@code http(s)} URL (for example a forge's
 * archive of a branch). Re-fetched with {@code If-None-Match}; each new archive is extracted into
 * a fresh directory. The revision is the ETag, or the archive's content hash.
 */
public final class TarballSource implements Source<GraphData> {

  private final String url;
  private final Path cacheDir;
  private final HttpFetch http;
  private final InputLimits limits;
  private String revision;
  private Path root;

  public TarballSource(String url, Path cacheDir) {
    this(url, cacheDir, Reading.DEFAULT);
  }

  /** @param reading the download's deadline and limit, and the limits the graph-data is read within */
  public TarballSource(String url, Path cacheDir, Reading reading) {
    this.url = url;
    this.cacheDir = cacheDir.toAbsolutePath();
    this.limits = reading.limits();
    this.http = reading.fetch(url, "application/gzip, application/x-gzip, application/octet-stream, */*");
  }

  @Override
  public String update() throws IOException, InterruptedException, InvalidInputException {
    Optional<HttpFetch.Body> body = http.fetch();
    if (body.isEmpty() || body.get().revision().equals(revision)) {
      return revision;
    }
    Path trees = cacheDir.resolve("archives");
    Files.createDirectories(trees);
    Path target = Files.createTempDirectory(trees, "graph-data-");
    Path extracted;
    try {
      extracted = TarGzArchive.extract(body.get().bytes(), target);
    } catch (IOException e) {
      GitTrees.deleteTree(target);
      http.forget();
      throw new InvalidInputException(List.of(LoadProblem.of(url, "invalid_archive", e.getMessage())));
    }
    try (Stream<Path> old = Files.list(trees)) {
      old.filter(p -> !p.equals(target)).forEach(GitTrees::deleteTree);
    }
    revision = body.get().revision();
    root = extracted;
    return revision;
  }

  @Override
  public GraphData read() throws InvalidInputException {
    if (root == null) {
      throw new IllegalStateException("read() before a successful update()");
    }
    return GraphDataReader.read(root, limits).withRevision(revision);
  }

  @Override
  public String location() {
    return url;
  }
}
