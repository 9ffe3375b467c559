package io.covington.policy.path;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.VersionPair;
import io.covington.graph.snapshot.ChannelSummary;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The planner's per-channel graph holds exactly the served graph's updates, with the same risks. */
class ChannelRoutesTest {

  @Test
  void servedUpdatesOfEveryBundledChannelAreExactlyTheGraphApisEdges() {
    for (ChannelSummary c : Bundled.SNAPSHOT.channels("amd64")) {
      ChannelGraph served = Bundled.SNAPSHOT.channel(c.name(), "amd64").orElseThrow();
      ChannelRoutes routes = Bundled.INDEX.routes(c.name(), "amd64").orElseThrow();
      Map<VersionPair, Set<String>> planner = new HashMap<>();
      routes.graph.edgeSet().stream().filter(RouteEdge::isServed)
          .forEach(e -> planner.put(new VersionPair(routes.version(e.from), routes.version(e.to)), e.riskNames));
      assertThat(planner).as(c.name()).isEqualTo(new ChannelBfs(served).edges);
      assertThat(routes.servedEdges).isEqualTo(served.edges().size() + served.conditionalEdgeCount());
      assertThat(routes.nodes).isEqualTo(served.nodes());
    }
  }

  @Test
  void theLargestChannelHasTheSizeTheBenchmarkAssumes() {
    ChannelRoutes routes = Bundled.INDEX.routes("candidate-4.14", "amd64").orElseThrow();
    assertThat(routes.nodes).hasSize(270);
    assertThat(routes.servedEdges).isGreaterThan(10_000);
  }
}
