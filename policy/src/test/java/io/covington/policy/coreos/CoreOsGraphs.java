package io.covington.policy.coreos;

import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.CoreOsNode;
import io.covington.graph.coreos.Rollout;
import io.covington.graph.coreos.Scheme;
import io.covington.graph.coreos.UpdateDirectives;
import io.covington.graph.coreos.UpdateEdges;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small graphs for the policy tests: node {@code i} is version {@code "v<i>"} with payload {@code "p<i>"}. */
final class CoreOsGraphs {

  static final UpdateDirectives PLAIN = UpdateDirectives.none();
  static final UpdateDirectives BARRIER =
      new UpdateDirectives(Optional.of(""), Optional.empty(), Optional.empty());
  static final UpdateDirectives DEADEND =
      new UpdateDirectives(Optional.empty(), Optional.of(""), Optional.empty());

  private CoreOsGraphs() {}

  static UpdateDirectives rollout(Rollout rollout) {
    return new UpdateDirectives(Optional.empty(), Optional.empty(), Optional.of(rollout));
  }

  static UpdateDirectives rollingBarrier(Rollout rollout) {
    return new UpdateDirectives(Optional.of("why"), Optional.empty(), Optional.of(rollout));
  }

  static CoreOsGraph graph(UpdateDirectives... releases) {
    List<CoreOsNode> nodes = new ArrayList<>();
    for (int i = 0; i < releases.length; i++) {
      nodes.add(new CoreOsNode("v" + i, "p" + i, i, releases[i], Map.of()));
    }
    return new CoreOsGraph("s", "x86_64", Scheme.CHECKSUM, nodes, UpdateEdges.compute(List.of(releases)));
  }
}
