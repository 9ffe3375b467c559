package io.covington.server.cli;

import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.coreos.CoreOsStreams;
import io.covington.graph.coreos.Scheme;
import io.covington.graph.input.InvalidInputException;
import io.covington.policy.coreos.ClientWariness;
import io.covington.policy.coreos.StreamPaths;
import io.covington.server.coreos.CoreOsPathJson;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code path} and {@code explain} answers on a CoreOS stream: the same graph and the same
 * {@link StreamPaths} policy as {@code /v1/path} and {@code /v1/explain} of the CoreOS API, as a
 * node of the given rollout wariness sees the stream now.
 */
final class StreamAnswers {

  private final CoreOsGraph graph;
  private final double wariness;
  private final Instant now;

  private StreamAnswers(CoreOsGraph graph, double wariness, Instant now) {
    this.graph = graph;
    this.wariness = wariness;
    this.now = now;
  }

  /**
   * The stream's graph from {@code streams} (a directory as the server's {@code --streams}) or the
   * bundled streams.
   *
   * @param rolloutWariness as Zincati's {@code rollout_wariness}; 0 (every rollout open) when empty
   * @throws QueryRefused naming the stream, base architecture or wariness that is not there or not valid
   */
  static StreamAnswers of(Optional<Path> streams, String stream, String basearch, boolean oci,
      Optional<String> rolloutWariness) throws QueryRefused {
    CoreOsSnapshot snapshot;
    try {
      snapshot = streams.isPresent() ? CoreOsStreams.loadDirectory(streams.get()) : CoreOsStreams.loadBundled();
    } catch (InvalidInputException e) {
      throw new QueryRefused("unreadable_streams", e.problems().get(0).toString());
    }
    Scheme scheme = oci ? Scheme.OCI : Scheme.CHECKSUM;
    Optional<CoreOsGraph> graph = snapshot.graph(stream, basearch, scheme);
    if (graph.isEmpty()) {
      if (snapshot.stream(stream).isEmpty()) {
        throw new QueryRefused("unknown_stream", "no stream " + stream + " in " + streams.map(Path::toString).orElse("the bundled streams")
            + "; the streams are " + String.join(", ", snapshot.streams()));
      }
      throw new QueryRefused("unknown_basearch", "stream " + stream + " has no " + scheme.wireName() + " graph on " + basearch
          + "; its base architectures are " + String.join(", ", snapshot.basearches(stream)));
    }
    double wariness;
    if (rolloutWariness.isEmpty()) {
      wariness = 0.0;
    } else if (ClientWariness.parse(rolloutWariness.get()).isEmpty()) {
      throw new QueryRefused("invalid_query", "--rollout-wariness " + rolloutWariness.get() + " must be a number from 0.0 to 1.0");
    } else {
      wariness = ClientWariness.of(rolloutWariness, Optional.empty());
    }
    return new StreamAnswers(graph.get(), wariness, Instant.now());
  }

  /** Prints the path; answers whether the target is reachable. */
  boolean path(PrintWriter out, String from, Optional<String> to, boolean json) throws QueryRefused {
    StreamPaths.Plan plan;
    try {
      plan = StreamPaths.plan(graph, wariness, now, from, to);
    } catch (StreamPaths.UnknownVersion e) {
      throw new QueryRefused("unknown_version", e.getMessage());
    }
    if (json) {
      out.println(new String(CoreOsPathJson.plan(plan, wariness), StandardCharsets.UTF_8));
      return plan.reachable();
    }
    out.printf("%s %s: %s -> %s: %s%n", plan.stream(), plan.basearch(), plan.from(), plan.target(),
        plan.reachable() ? plan.hops().size() + " hop" + (plan.hops().size() == 1 ? "" : "s") : "not reachable");
    if (plan.reachable() && !plan.hops().isEmpty()) {
      int width = Math.max("FROM".length(), plan.hops().stream().mapToInt(h -> h.from().length()).max().orElse(0));
      String row = "  %-" + Integer.toString(plan.hops().size()).length() + "s  %-" + width + "s  %s%n";
      out.printf(row, "#", "FROM", "TO");
      int i = 1;
      for (StreamPaths.Hop hop : plan.hops()) {
        out.printf(row, i++, hop.from(), hop.to());
      }
    }
    return plan.reachable();
  }

  /** Prints why the direct update is or is not offered. */
  void explain(PrintWriter out, String from, String to, boolean json) throws QueryRefused {
    StreamPaths.Explanation e;
    try {
      e = StreamPaths.explain(graph, wariness, now, from, to);
    } catch (StreamPaths.UnknownVersion unknown) {
      throw new QueryRefused("unknown_version", unknown.getMessage());
    }
    if (json) {
      out.println(new String(CoreOsPathJson.explanation(e, wariness), StandardCharsets.UTF_8));
      return;
    }
    out.printf("%s %s: %s -> %s is %s%n", e.stream(), e.basearch(), e.from(), e.to(), e.offered() ? "offered" : "not offered");
    for (StreamPaths.Reason reason : e.reasons()) {
      out.println("  - " + reason.description());
    }
  }
}
