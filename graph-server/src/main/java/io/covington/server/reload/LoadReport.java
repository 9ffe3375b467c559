package io.covington.server.reload;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.signature.SignatureStore;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.graph.snapshot.GraphStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Human-readable lines saying what a load produced, for the log and the terminal. */
public final class LoadReport {

  /** How many problems are spelled out; the rest are only counted. */
  static final int PROBLEMS_SHOWN = 10;

  private LoadReport() {}

  public static List<String> describe(GraphSnapshot snapshot, long loadMillis) {
    List<String> lines = new ArrayList<>();
    int channels = snapshot.channels(snapshot.architectures().isEmpty() ? "amd64" : snapshot.architectures().first()).size();
    lines.add(
        String.format(
            "loaded graph revision %s in %d ms: %d architecture(s), %d channel(s), %d problem(s)",
            snapshot.revision(),
            loadMillis,
            snapshot.architectures().size(),
            channels,
            snapshot.problems().size()));
    for (Map.Entry<String, GraphStats> entry : snapshot.stats().entrySet()) {
      GraphStats stats = entry.getValue();
      lines.add(
          String.format(
              "  %s: %d releases, %d edges, %d conditional edges",
              entry.getKey(), stats.releases(), stats.edges(), stats.conditionalEdges()));
    }
    SignatureStore signatures = snapshot.signatures();
    if (signatures.servedCount() > 0 || !signatures.refused().isEmpty()) {
      lines.add(String.format("  release signatures: %d served for %d digest(s) (%s), %d refused", signatures.servedCount(),
          signatures.digestCount(), signatures.verifying() ? "verified with --release-keyring" : "unchecked: no --release-keyring",
          signatures.refused().size()));
      signatures.refused().stream().limit(PROBLEMS_SHOWN).forEach(p -> lines.add("  signature refused: " + p));
    }
    lines.addAll(problems(snapshot.problems()));
    return lines;
  }

  public static List<String> describe(CoreOsSnapshot snapshot, long loadMillis) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("loaded CoreOS streams revision %s in %d ms: %d stream(s), %d problem(s)",
        snapshot.revision(), loadMillis, snapshot.streams().size(), snapshot.problems().size()));
    for (String stream : snapshot.streams()) {
      lines.add("  CoreOS stream " + stream + ": base architectures " + snapshot.basearches(stream));
    }
    lines.addAll(problems(snapshot.problems()));
    return lines;
  }

  /** The first problems with file and line, and how many more there are. */
  public static List<String> problems(List<LoadProblem> problems) {
    List<String> lines = new ArrayList<>();
    problems.stream().limit(PROBLEMS_SHOWN).forEach(p -> lines.add("  problem: " + p));
    if (problems.size() > PROBLEMS_SHOWN) {
      lines.add("  … and " + (problems.size() - PROBLEMS_SHOWN) + " more problem(s)");
    }
    return lines;
  }
}
