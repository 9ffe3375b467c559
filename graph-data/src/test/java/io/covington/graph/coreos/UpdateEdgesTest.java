package io.covington.graph.coreos;

import static io.covington.graph.coreos.Directives.BARRIER;
import static io.covington.graph.coreos.Directives.DEADEND;
import static io.covington.graph.coreos.Directives.PLAIN;
import static io.covington.graph.coreos.Directives.ROLLING_BARRIER;
import static io.covington.graph.coreos.Directives.ROLLOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class UpdateEdgesTest {

  private static CoreOsEdge e(int from, int to) {
    return new CoreOsEdge(from, to);
  }

  @Test
  void reproducesTheWorkedExampleOfTheProtocol() {
    // 0–6; 1 dead-end, 2 barrier, 4 completed rollout, 6 rollout in progress.
    List<UpdateDirectives> releases = List.of(PLAIN, DEADEND, BARRIER, PLAIN, ROLLOUT, PLAIN, ROLLOUT);

    assertThat(UpdateEdges.compute(releases))
        .containsExactlyInAnyOrder(e(2, 6), e(3, 6), e(4, 6), e(5, 6), e(2, 4), e(3, 4), e(0, 2));
  }

  @Test
  void aRollingBarrierGetsRolloutEdgesAndStillBoundsTheNextBarrier() {
    // 1 barrier, 3 barrier that is being rolled out, 5 barrier.
    List<UpdateDirectives> releases = List.of(PLAIN, BARRIER, PLAIN, ROLLING_BARRIER, PLAIN, BARRIER);

    assertThat(UpdateEdges.compute(releases))
        .containsExactlyInAnyOrder(
            e(0, 1), // barrier 1: from the first release
            e(1, 3), e(2, 3), // rolling barrier 3: rollout edges back to barrier 1
            e(3, 5), e(4, 5)); // barrier 5: only since the rolling barrier, not since 1
  }

  @Test
  void aRolloutWithoutAnyBarrierIsReachableFromEveryEarlierRelease() {
    assertThat(UpdateEdges.compute(List.of(PLAIN, PLAIN, PLAIN, ROLLOUT)))
        .containsExactlyInAnyOrder(e(0, 3), e(1, 3), e(2, 3));
  }

  @Test
  void plainReleasesAloneHaveNoEdges() {
    assertThat(UpdateEdges.compute(List.of(PLAIN, PLAIN, PLAIN))).isEmpty();
    assertThat(UpdateEdges.compute(List.of())).isEmpty();
  }

  @Test
  void aDeadEndKeepsItsIncomingEdgesAndLosesItsOutgoingOnes() {
    UpdateDirectives deadBarrier =
        new UpdateDirectives(BARRIER.barrierReason(), DEADEND.deadendReason(), Optional.empty());
    List<UpdateDirectives> releases = List.of(PLAIN, deadBarrier, PLAIN, ROLLOUT);

    assertThat(UpdateEdges.compute(releases)).containsExactlyInAnyOrder(e(0, 1), e(2, 3));
  }

  @Property
  void edgesGoForwardIntoBarriersOrRolloutsAndNeverLeaveDeadEnds(
      @ForAll("streams") List<UpdateDirectives> releases) {
    for (CoreOsEdge edge : UpdateEdges.compute(releases)) {
      assertThat(edge.from()).isLessThan(edge.to());
      UpdateDirectives target = releases.get(edge.to());
      assertThat(target.isBarrier() || target.isRollout()).isTrue();
      assertThat(releases.get(edge.from()).isDeadend()).isFalse();
    }
  }

  @Property
  void noEdgeJumpsOverABarrier(@ForAll("streams") List<UpdateDirectives> releases) {
    for (CoreOsEdge edge : UpdateEdges.compute(releases)) {
      for (int between = edge.from() + 1; between < edge.to(); between++) {
        assertThat(releases.get(between).isBarrier()).as("barrier %d inside %s", between, edge).isFalse();
      }
    }
  }

  @Property
  void everyNonDeadEndReleaseBeforeALaterBarrierCanMoveOn(
      @ForAll("streams") List<UpdateDirectives> releases) {
    List<CoreOsEdge> edges = UpdateEdges.compute(releases);
    for (int source = 0; source < releases.size(); source++) {
      int from = source;
      boolean laterTarget =
          releases.subList(source + 1, releases.size()).stream().anyMatch(d -> d.isBarrier() || d.isRollout());
      if (laterTarget && !releases.get(source).isDeadend()) {
        assertThat(edges).anyMatch(edge -> edge.from() == from);
      }
    }
  }

  @Provide
  Arbitrary<List<UpdateDirectives>> streams() {
    return Arbitraries.of(PLAIN, PLAIN, BARRIER, DEADEND, ROLLOUT, ROLLING_BARRIER)
        .list()
        .ofMaxSize(30)
        .map(ArrayList::new);
  }
}
