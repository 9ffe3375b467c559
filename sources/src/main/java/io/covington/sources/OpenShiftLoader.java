package io.covington.sources;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.InputLimits;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.ParsedFiles;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.input.ReleaseSignatures;
import io.covington.graph.signature.SignatureStore;
import io.covington.graph.signature.SignatureVerifier;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.graph.validate.ReloadAcceptance;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OpenShift graph's loader: releases from one source and graph-data from another (each the
 * bundled data, a directory, git, an archive URL, a release URL or a registry), built into a
 * {@link GraphSnapshot} and judged by {@link ReloadAcceptance} — the same checks for every
 * source. The release signatures of the graph-data (and of a separate signatures directory) are
 * checked with the keyring, when one is given, and served with the snapshot. The server, the commands and the tests all load through it.
 */
public final class OpenShiftLoader extends Loader<GraphSnapshot> {

  private final Source<ReleaseSet> releases;
  private final Source<GraphData> graphData;
  private final Optional<Source<ReleaseSignatures>> signatures;
  private final Optional<SignatureVerifier> verifier;
  private volatile ReleaseSet lastReleases;

  public OpenShiftLoader(Source<ReleaseSet> releases, Source<GraphData> graphData) {
    this(releases, graphData, Optional.empty(), Optional.empty());
  }

  /**
   * @param signatures a signatures directory apart from the graph-data's own {@code signatures/}
   * @param verifier checks every served signature; without it they are served unchecked
   */
  public OpenShiftLoader(Source<ReleaseSet> releases, Source<GraphData> graphData,
      Optional<Source<ReleaseSignatures>> signatures, Optional<SignatureVerifier> verifier) {
    super(labelled(releases, graphData, signatures));
    this.releases = releases;
    this.graphData = graphData;
    this.signatures = signatures;
    this.verifier = verifier;
  }

  private static List<Labelled> labelled(
      Source<ReleaseSet> releases, Source<GraphData> graphData, Optional<Source<ReleaseSignatures>> signatures) {
    List<Labelled> all = new ArrayList<>(List.of(new Labelled("releases", releases), new Labelled("graph-data", graphData)));
    signatures.ifPresent(s -> all.add(new Labelled("signatures", s)));
    return all;
  }

  /** The bundled graph-data, which never changes. */
  public static Source<GraphData> bundledGraphData() {
    return bundledGraphData(ParseCache.none());
  }

  /** The bundled graph-data, its parse kept in {@code cache}. */
  public static Source<GraphData> bundledGraphData(ParseCache cache) {
    ParsedFiles parsed = cache.bundledGraphData();
    return new FixedSource<>("bundled", "bundled", () -> {
      String before = parsed.storeStatus();
      GraphData data = BundledData.graphData(parsed);
      ParseCache.report("bundled graph-data", parsed, before);
      return data;
    });
  }

  /** The bundled releases and graph-data, which never change. */
  public static OpenShiftLoader bundled() {
    return of(Optional.empty(), Optional.empty());
  }

  /**
   * Releases from {@code releases} (a directory, raw graph file or URL; empty for the bundled
   * ones) and graph-data from {@code graphData} (empty for the bundled one): what the commands
   * and {@code --releases}/{@code --graph-data} give.
   */
  public static OpenShiftLoader of(Optional<String> releases, Optional<Path> graphData) {
    return of(releases, graphData, ParseCache.none());
  }

  /** As {@link #of(Optional, Optional)}, keeping what is parsed in {@code cache}. */
  public static OpenShiftLoader of(Optional<String> releases, Optional<Path> graphData, ParseCache cache) {
    return new OpenShiftLoader(new ReleasesSource(releases, Reading.DEFAULT, cache),
        graphData.<Source<GraphData>>map(dir -> new DirectorySource(dir, Duration.ZERO, InputLimits.DEFAULT, cache))
            .orElseGet(() -> bundledGraphData(cache)));
  }

  /**
   * Loads once, as a command or a test does: the snapshot of whatever could be read.
   *
   * @throws InvalidInputException naming the inputs that could not be read or reached
   */
  public static GraphSnapshot loadOnce(Optional<String> releases, Optional<Path> graphData)
      throws InvalidInputException, InterruptedException {
    return loadOnce(releases, graphData, ParseCache.none());
  }

  /** As {@link #loadOnce(Optional, Optional)}, parsing only what {@code cache} holds no parse of. */
  public static GraphSnapshot loadOnce(Optional<String> releases, Optional<Path> graphData, ParseCache cache)
      throws InvalidInputException, InterruptedException {
    try (OpenShiftLoader loader = of(releases, graphData, cache)) {
      return loader.load(false).orElseThrow();
    }
  }

  /**
   * The graph-data's earlier revisions (up to {@code count}, oldest first) with the releases last
   * read, each with the time of its revision: what was served before, for the history of changes.
   * Empty before a first build, or for graph-data without history. Reads the graph-data source,
   * so call it on the worker that loads; building the snapshots ({@link EarlierInputs#build()})
   * may happen on any thread.
   */
  public List<EarlierInputs> earlierInputs(int count) throws IOException {
    ReleaseSet releaseSet = lastReleases;
    if (releaseSet == null) {
      return List.of();
    }
    List<EarlierInputs> result = new ArrayList<>();
    for (EarlierRevision<GraphData> earlier : graphData.earlier(count)) {
      result.add(new EarlierInputs(releaseSet, earlier.data(), earlier.at()));
    }
    return List.copyOf(result);
  }

  /** The inputs of an earlier graph-data revision, and when that revision was made. */
  public record EarlierInputs(ReleaseSet releases, GraphData graphData, Instant at) {

    /** The snapshot they give; empty when a reload would have refused them (a broken file): never served. */
    public Optional<GraphSnapshot> build() {
      GraphSnapshot snapshot = GraphSnapshot.build(releases, graphData);
      return ReloadAcceptance.rejections(graphData, releases, snapshot, false).isEmpty() ? Optional.of(snapshot) : Optional.empty();
    }
  }

  @Override
  protected LoadResult.Built<GraphSnapshot> build() throws IOException, InvalidInputException {
    ReleaseSet releaseSet = read(releases, "releases");
    lastReleases = releaseSet;
    GraphData data = read(graphData, "graph-data");
    ReleaseSignatures signed = data.signatures();
    if (signatures.isPresent()) {
      signed = signed.merge(read(signatures.get(), "signatures"));
    }
    // Checked once per snapshot, here on the reload worker: requests only look signatures up.
    GraphSnapshot snapshot = GraphSnapshot.build(releaseSet, data)
        .withSignatures(SignatureStore.of(signed, verifier, Instant.now()));
    return new LoadResult.Built<>(snapshot, ReloadAcceptance.rejections(data, releaseSet, snapshot, false));
  }
}
