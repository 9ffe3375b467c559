package io.covington.server.load;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.RawGraphReader;
import io.covington.graph.input.ReleaseMetadataReader;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.source.HttpFetch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The OpenShift graph's inputs as given on the command line: releases from a release-metadata
 * directory, a raw graph file or a raw graph URL, and a graph-data directory. Each input left out
 * is the bundled one. Blocks: run it on a worker thread.
 *
 * @param releases a directory, a file or an {@code http(s)} URL; empty for the bundled releases
 * @param graphData a graph-data directory; empty for the bundled graph-data
 */
public record OpenShiftInputs(Optional<String> releases, Optional<Path> graphData)
    implements GraphLoader {

  public static OpenShiftInputs bundled() {
    return new OpenShiftInputs(Optional.empty(), Optional.empty());
  }

  @Override
  public GraphSnapshot load() throws InvalidInputException, InterruptedException {
    ReleaseSet releaseSet = releases.isPresent() ? readReleases(releases.get()) : BundledData.releases();
    GraphData data = graphData.isPresent() ? GraphDataReader.read(graphData.get()) : BundledData.graphData();
    return GraphSnapshot.build(releaseSet, data);
  }

  /** Reads releases from a release-metadata directory, a raw graph file or an {@code http(s)} URL. */
  public static ReleaseSet readReleases(String location) throws InvalidInputException, InterruptedException {
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return RawGraphReader.read(HttpFetch.get(location, "application/json"), location);
    }
    Path path = Path.of(location);
    if (Files.isDirectory(path)) {
      return ReleaseMetadataReader.read(path);
    }
    try {
      return RawGraphReader.read(Files.readAllBytes(path), location);
    } catch (IOException e) {
      throw problem(location, "unreadable",
          "cannot read the releases (" + e + "); give a release-metadata directory, a raw graph JSON file or an http(s) URL");
    }
  }

  private static InvalidInputException problem(String source, String kind, String message) {
    return new InvalidInputException(List.of(LoadProblem.of(source, kind, message)));
  }
}
