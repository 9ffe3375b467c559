package io.covington.sources;

import io.covington.graph.input.GraphData;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.input.ReleaseSignatures;
import io.covington.graph.signature.SignatureVerifier;
import io.covington.sources.archive.TarballSource;
import io.covington.sources.git.GitCredentials;
import io.covington.sources.git.GitSource;
import io.covington.sources.registry.RegistryConfig;
import io.covington.sources.registry.RegistryEvents;
import io.covington.sources.registry.RegistrySources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the OpenShift graph's inputs are, as the command line gives them, before anything is
 * fetched: {@link #open} makes the sources and the one loader over them.
 *
 * @param releases a release-metadata directory, raw graph file or URL; empty for the bundled
 *     releases (ignored when the registry gives the releases)
 * @param graphData where the graph-data is (ignored when the registry gives a graph-data image)
 * @param registry the registry repositories and image, when releases or graph-data come from one
 * @param cacheDir where git clones and unpacked archives are kept; empty for a new temporary directory
 * @param reading the limits, quiet period and download deadline the sources read within
 * @param signing the release signatures apart from the graph-data, and the keyrings
 * @param parseCache where the parse of the bundled data and of a graph-data directory is kept
 *     between processes
 */
public record OpenShiftInputs(
    Optional<String> releases, GraphDataLocation graphData, Optional<RegistryConfig> registry, Optional<Path> cacheDir,
    Reading reading, Signing signing, ParseCache parseCache) {

  public OpenShiftInputs {
    Objects.requireNonNull(parseCache, "parseCache");
    Objects.requireNonNull(releases, "releases");
    Objects.requireNonNull(graphData, "graphData");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(signing, "signing");
  }

  /** Without a parse cache. */
  public OpenShiftInputs(
      Optional<String> releases, GraphDataLocation graphData, Optional<RegistryConfig> registry, Optional<Path> cacheDir,
      Reading reading, Signing signing) {
    this(releases, graphData, registry, cacheDir, reading, signing, ParseCache.none());
  }

  /** Without separate signatures or keyrings. */
  public OpenShiftInputs(
      Optional<String> releases, GraphDataLocation graphData, Optional<RegistryConfig> registry, Optional<Path> cacheDir,
      Reading reading) {
    this(releases, graphData, registry, cacheDir, reading, Signing.none());
  }

  /** Read within the default limits. */
  public OpenShiftInputs(
      Optional<String> releases, GraphDataLocation graphData, Optional<RegistryConfig> registry, Optional<Path> cacheDir) {
    this(releases, graphData, registry, cacheDir, Reading.DEFAULT);
  }

  /** The bundled releases and graph-data. */
  public static OpenShiftInputs bundled() {
    return new OpenShiftInputs(Optional.empty(), new GraphDataLocation.Bundled(), Optional.empty(), Optional.empty());
  }

  /** Where graph-data is. */
  public sealed interface GraphDataLocation {
    /** The graph-data in the jar. */
    record Bundled() implements GraphDataLocation {}

    /** A directory, watched for changes. */
    record Directory(Path path) implements GraphDataLocation {}

    /**
     * A git repository, following {@code branch} or staying on {@code revision}.
     *
     * @param credentials a {@code USER:TOKEN} or token file (https), or a private key (ssh)
     */
    record Git(String url, String branch, Optional<String> revision, Optional<Path> credentials)
        implements GraphDataLocation {}

    /** A {@code .tar.gz} archive at an {@code http(s)} URL. */
    record Archive(String url) implements GraphDataLocation {}
  }

  /**
   * Makes the sources and their loader. Nothing is fetched yet.
   *
   * @param events where the registry sources report, for metrics
   * @throws IllegalArgumentException when registry auth or CA files cannot be used
   * @throws UncheckedIOException when the cache directory cannot be created
   */
  public OpenShiftLoader open(RegistryEvents events) {
    Optional<RegistrySources> fromRegistry =
        registry.map(config -> RegistrySources.create(config, events, signing.graphDataImage()));
    Source<ReleaseSet> releaseSource = fromRegistry.flatMap(RegistrySources::releases)
        .orElseGet(() -> new ReleasesSource(releases, reading, parseCache));
    Source<GraphData> graphDataSource = fromRegistry.flatMap(RegistrySources::graphData)
        .orElseGet(this::graphDataSource);
    Optional<Source<ReleaseSignatures>> signatures =
        signing.signaturesDir().map(dir -> new SignatureDirectory(dir, reading.limits()));
    return new OpenShiftLoader(releaseSource, graphDataSource, signatures,
        signing.releaseKeyring().map(SignatureVerifier::new));
  }

  private Source<GraphData> graphDataSource() {
    if (graphData instanceof GraphDataLocation.Directory d) {
      return new DirectorySource(d.path(), reading.quietPeriod(), reading.limits(), parseCache);
    }
    if (graphData instanceof GraphDataLocation.Git g) {
      return new GitSource(g.url(), g.branch(), g.revision(), cache().resolve("git"), new GitCredentials(g.credentials()),
          reading.limits());
    }
    if (graphData instanceof GraphDataLocation.Archive a) {
      return new TarballSource(a.url(), cache().resolve("archive"), reading);
    }
    return OpenShiftLoader.bundledGraphData(parseCache);
  }

  private Path cache() {
    try {
      return cacheDir.isPresent() ? Files.createDirectories(cacheDir.get()) : Files.createTempDirectory("covington-cache-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cache directory: " + e.getMessage(), e);
    }
  }
}
