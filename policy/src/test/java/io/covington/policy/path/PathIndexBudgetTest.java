package io.covington.policy.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.snapshot.ChannelSummary;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The path index holds its routes within its budget of edge entries on the real bundled data (all
 * 76 OpenShift channels), and a channel pushed out answers the same when it is asked again.
 */
class PathIndexBudgetTest {

  private static final String AMD64 = "amd64";

  @Test
  void theWholeBundledDataIsLargerThanTheDefaultBudget() {
    long all = 0;
    PathIndex unbounded = PathIndex.of(Bundled.SNAPSHOT, Integer.MAX_VALUE);
    for (ChannelSummary c : Bundled.SNAPSHOT.channels(AMD64)) {
      all += unbounded.routes(c.name(), AMD64).orElseThrow().weight();
    }
    // Why the budget exists: every channel's routes together are several times the default.
    assertThat(all).isGreaterThan(2L * PathIndex.DEFAULT_MAX_EDGE_ENTRIES);
    assertThat(unbounded.edgeEntries()).isEqualTo(all);
  }

  @Test
  void warmingStopsAtTheBudgetAndEveryQueryStaysWithinIt() {
    PathIndex index = PathIndex.of(Bundled.SNAPSHOT, 50_000).warm();
    assertThat(index.edgeEntries()).isLessThanOrEqualTo(50_000);
    assertThat(index.cachedChannels()).isPositive().isLessThan(Bundled.SNAPSHOT.channels(AMD64).size());

    for (ChannelSummary c : Bundled.SNAPSHOT.channels(AMD64)) {
      assertThat(index.routes(c.name(), AMD64)).as(c.name()).isPresent();
      assertThat(index.edgeEntries()).as("after " + c.name()).isLessThanOrEqualTo(50_000);
    }
  }

  @Test
  void aChannelPushedOutAnswersTheSameWhenAskedAgain() throws PathQueryException {
    // A budget smaller than two large channels: asking for one pushes the other out.
    PathIndex small = PathIndex.of(Bundled.SNAPSHOT, 40_000);
    SafePathPlanner planner = new SafePathPlanner(small);
    List<String> channels = List.of("stable-4.16", "candidate-4.14", "stable-4.16", "fast-4.15", "stable-4.16");
    for (String channel : channels) {
      ChannelRoutes routes = small.routes(channel, AMD64).orElseThrow();
      String from = routes.version(0);
      assertThat(planner.plan(PathRequest.of(channel, AMD64, from, Optional.empty())))
          .as(channel + " from " + from)
          .isEqualTo(Bundled.PLANNER.plan(PathRequest.of(channel, AMD64, from, Optional.empty())));
    }
    assertThat(small.edgeEntries()).isLessThanOrEqualTo(40_000);
  }

  @Test
  void theStablePlanRoutesFitTheDefaultBudgetAndPinNoChannel() {
    PathIndex index = PathIndex.of(Bundled.SNAPSHOT).warm();
    PlanRoutes stable = index.planRoutes(List.of(ChannelFamily.STABLE), AMD64).orElseThrow();

    // Held, or every plan query would build the union of the stable channels again.
    assertThat(stable.union.weight()).isLessThan(PathIndex.DEFAULT_MAX_EDGE_ENTRIES);
    assertThat(index.planRoutes(List.of(ChannelFamily.STABLE), AMD64).orElseThrow()).isSameAs(stable);
    assertThat(index.edgeEntries()).isLessThanOrEqualTo(PathIndex.DEFAULT_MAX_EDGE_ENTRIES);
  }

  @Test
  void aBudgetBelowOneIsRefused() {
    assertThatThrownBy(() -> PathIndex.of(Bundled.SNAPSHOT, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget");
  }
}
