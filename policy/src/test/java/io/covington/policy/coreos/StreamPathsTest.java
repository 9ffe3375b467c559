package io.covington.policy.coreos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.coreos.CoreOsEdge;
import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.CoreOsNode;
import io.covington.graph.coreos.Rollout;
import io.covington.graph.coreos.Scheme;
import io.covington.graph.coreos.UpdateDirectives;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Paths and explanations on the worked example of protocols §3: releases r0–r6; r1 dead-end, r2
 * barrier, r4 completed rollout, r6 rollout in progress (throttling 0.5 at {@link #MID}) → edges
 * (2,6) (3,6) (4,6) (5,6) (2,4) (3,4) (0,2).
 */
class StreamPathsTest {

  private static final long START = 1_000_000L;
  private static final Instant MID = Instant.ofEpochSecond(START + 30 * 60);
  private static final CoreOsGraph GRAPH = workedExample();

  private static CoreOsGraph workedExample() {
    List<CoreOsNode> nodes = new ArrayList<>();
    for (int i = 0; i <= 6; i++) {
      UpdateDirectives d = switch (i) {
        case 1 -> new UpdateDirectives(Optional.empty(), Optional.of("broken"), Optional.empty());
        case 2 -> new UpdateDirectives(Optional.of("needs 2 first"), Optional.empty(), Optional.empty());
        case 4 -> new UpdateDirectives(Optional.empty(), Optional.empty(), Optional.of(Rollout.of(0, 0.0, 1)));
        case 6 -> new UpdateDirectives(Optional.empty(), Optional.empty(), Optional.of(Rollout.of(START, 0.0, 60)));
        default -> UpdateDirectives.none();
      };
      nodes.add(new CoreOsNode("r" + i, "checksum" + i, i, d, Map.of()));
    }
    List<CoreOsEdge> edges = List.of(
        new CoreOsEdge(2, 6), new CoreOsEdge(3, 6), new CoreOsEdge(4, 6), new CoreOsEdge(5, 6),
        new CoreOsEdge(2, 4), new CoreOsEdge(3, 4), new CoreOsEdge(0, 2));
    return new CoreOsGraph("testing", "x86_64", Scheme.CHECKSUM, nodes, edges);
  }

  private static List<String> path(StreamPaths.Plan plan) {
    List<String> versions = new ArrayList<>(List.of(plan.from()));
    plan.hops().forEach(h -> versions.add(h.to()));
    return versions;
  }

  @Test
  void theFewestHopsGoThroughTheBarrier() throws Exception {
    StreamPaths.Plan plan = StreamPaths.plan(GRAPH, 0.0, MID, "r0", Optional.of("r6"));
    assertThat(plan.reachable()).isTrue();
    assertThat(path(plan)).containsExactly("r0", "r2", "r6");
  }

  @Test
  void withoutATargetThePathLeadsToTheNewestReleaseTheNodeIsOffered() throws Exception {
    assertThat(path(StreamPaths.plan(GRAPH, 0.0, MID, "r0", Optional.empty()))).containsExactly("r0", "r2", "r6");
    // A node warier than the rollout's 0.5 does not see r6 yet: r4 is the newest it can reach.
    assertThat(path(StreamPaths.plan(GRAPH, 0.9, MID, "r0", Optional.empty()))).containsExactly("r0", "r2", "r4");
  }

  @Test
  void aDeadEndReachesNothing() throws Exception {
    StreamPaths.Plan plan = StreamPaths.plan(GRAPH, 0.0, MID, "r1", Optional.of("r6"));
    assertThat(plan.reachable()).isFalse();
    assertThat(plan.hops()).isEmpty();
  }

  @Test
  void explanationsNameTheRuleThatDecides() throws Exception {
    assertThat(kinds(StreamPaths.explain(GRAPH, 0.0, MID, "r0", "r4"))).containsExactly("barrier");
    assertThat(StreamPaths.explain(GRAPH, 0.0, MID, "r0", "r4").reasons().get(0).description()).contains("r2", "needs 2 first");
    assertThat(kinds(StreamPaths.explain(GRAPH, 0.0, MID, "r1", "r2"))).containsExactly("dead_end");
    assertThat(kinds(StreamPaths.explain(GRAPH, 0.0, MID, "r2", "r3"))).containsExactly("not_a_target");
    assertThat(kinds(StreamPaths.explain(GRAPH, 0.0, MID, "r5", "r4"))).containsExactly("not_newer");
    StreamPaths.Explanation throttled = StreamPaths.explain(GRAPH, 0.9, MID, "r3", "r6");
    assertThat(throttled.offered()).isFalse();
    assertThat(kinds(throttled)).containsExactly("throttled");
    assertThat(throttled.reasons().get(0).description()).contains("0.5").contains(Instant.ofEpochSecond(START + 3600).toString());
    StreamPaths.Explanation open = StreamPaths.explain(GRAPH, 0.4, MID, "r3", "r6");
    assertThat(open.offered()).isTrue();
    assertThat(kinds(open)).containsExactly("offered");
    assertThat(StreamPaths.explain(GRAPH, 1.0, MID, "r0", "r2").offered()).isTrue();
  }

  @Test
  void anUnknownVersionNamesTheParameter() {
    assertThatThrownBy(() -> StreamPaths.plan(GRAPH, 0.0, MID, "r0", Optional.of("r9")))
        .isInstanceOf(StreamPaths.UnknownVersion.class)
        .hasMessageContaining("to version r9")
        .hasMessageContaining("testing");
  }

  private static List<String> kinds(StreamPaths.Explanation e) {
    return e.reasons().stream().map(StreamPaths.Reason::kind).toList();
  }
}
