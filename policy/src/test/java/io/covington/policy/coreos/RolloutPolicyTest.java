package io.covington.policy.coreos;

import static io.covington.policy.coreos.CoreOsGraphs.BARRIER;
import static io.covington.policy.coreos.CoreOsGraphs.DEADEND;
import static io.covington.policy.coreos.CoreOsGraphs.PLAIN;
import static io.covington.policy.coreos.CoreOsGraphs.graph;
import static io.covington.policy.coreos.CoreOsGraphs.rollingBarrier;
import static io.covington.policy.coreos.CoreOsGraphs.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.coreos.CoreOsEdge;
import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.Rollout;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolloutPolicyTest {

  private static final long START = 1_000_000L;
  private static final Instant BEFORE = Instant.ofEpochSecond(START - 60);
  private static final Instant HALFWAY = Instant.ofEpochSecond(START + 1800);

  /** The protocol's worked example: 4 is a completed rollout, 6 a one-hour rollout from START. */
  private static final CoreOsGraph WORKED_EXAMPLE =
      graph(PLAIN, DEADEND, BARRIER, PLAIN, rollout(Rollout.of(0, 1.0, 1)), PLAIN, rollout(Rollout.of(START, 0.0, 60)));

  private static CoreOsEdge e(int from, int to) {
    return new CoreOsEdge(from, to);
  }

  @Test
  void warinessZeroSeesARolloutThatHasNotStarted() {
    ServedCoreOsGraph served = RolloutPolicy.serve(WORKED_EXAMPLE, 0.0, BEFORE);

    assertThat(served.hiddenTargets()).isEmpty();
    assertThat(served.filtered().edges())
        .containsExactlyInAnyOrder(e(2, 6), e(3, 6), e(4, 6), e(5, 6), e(2, 4), e(3, 4), e(0, 2));
  }

  @Test
  void anyOtherWarinessWaitsForTheStart() {
    ServedCoreOsGraph served = RolloutPolicy.serve(WORKED_EXAMPLE, ClientWariness.MIN_DERIVED, BEFORE);

    assertThat(served.hiddenTargets()).containsExactly(6);
    assertThat(served.filtered().nodes()).isEqualTo(WORKED_EXAMPLE.nodes());
    assertThat(served.filtered().edges()).containsExactlyInAnyOrder(e(2, 4), e(3, 4), e(0, 2));
  }

  @Test
  void hidesOnlyWhenWarinessIsStrictlyAboveThrottling() {
    assertThat(RolloutPolicy.hiddenRollouts(WORKED_EXAMPLE, 0.5, HALFWAY)).isEmpty();
    assertThat(RolloutPolicy.hiddenRollouts(WORKED_EXAMPLE, 0.4, HALFWAY)).isEmpty();
    assertThat(RolloutPolicy.hiddenRollouts(WORKED_EXAMPLE, 0.51, HALFWAY)).containsExactly(6);
    // A completed rollout is open even to the most wary node.
    assertThat(RolloutPolicy.hiddenRollouts(WORKED_EXAMPLE, 1.0, Instant.ofEpochSecond(START + 3600)))
        .isEmpty();
  }

  @Test
  void aHiddenRollingBarrierStillBoundsTheNextBarrier() {
    // 1 barrier, 3 rolling barrier not yet started, 5 barrier.
    CoreOsGraph graph =
        graph(PLAIN, BARRIER, PLAIN, rollingBarrier(Rollout.of(START, 0.0, 60)), PLAIN, BARRIER);

    ServedCoreOsGraph served = RolloutPolicy.serve(graph, 0.5, BEFORE);

    // Nodes before the rolling barrier cannot reach it nor jump over it to 5.
    assertThat(served.filtered().edges()).containsExactlyInAnyOrder(e(0, 1), e(3, 5), e(4, 5));
    assertThat(RolloutPolicy.serve(graph, 0.0, BEFORE).filtered().edges())
        .containsExactlyInAnyOrder(e(0, 1), e(1, 3), e(2, 3), e(3, 5), e(4, 5));
  }

  @Test
  void clientsWithTheSameHiddenRolloutsShareACacheKey() {
    ServedCoreOsGraph wary = RolloutPolicy.serve(WORKED_EXAMPLE, 0.9, HALFWAY);
    ServedCoreOsGraph waryToo = RolloutPolicy.serve(WORKED_EXAMPLE, 0.7, HALFWAY);
    ServedCoreOsGraph eager = RolloutPolicy.serve(WORKED_EXAMPLE, 0.1, HALFWAY);

    assertThat(wary.cacheKey()).isEqualTo(waryToo.cacheKey()).isNotEqualTo(eager.cacheKey());
    assertThat(wary.filtered()).isEqualTo(waryToo.filtered());
    assertThat(wary.cacheKey().hiddenTargets()).isEqualTo(Set.of(6));
  }
}
