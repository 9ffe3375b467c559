package io.covington.policy.path;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.input.Channel;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.ReleaseEdge;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.MatchingRule;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import io.covington.graph.snapshot.GraphSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * On generated graphs with up to four risks, the smallest risk set the planner names is as small
 * as the one found by trying every subset of risks with {@link ChannelBfs}.
 */
class RiskSetSearchPropertiesTest {

  private static final List<String> RISKS = List.of("RiskA", "RiskB", "RiskC", "RiskD");

  /** A generated graph: {@code edges[i][j]} for i < j is -1 (no update) or a bit mask of risks. */
  record Generated(int n, int[][] edges) {}

  @Provide
  Arbitrary<Generated> graphs() {
    return Arbitraries.integers().between(3, 9).flatMap(n -> Arbitraries.integers().between(-6, 15).array(int[].class).ofSize(n * n)
        .map(cells -> {
          int[][] edges = new int[n][n];
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              int c = cells[i * n + j];
              // About a third no update, a third unconditional, a third with one to four risks.
              edges[i][j] = i >= j || c < 0 ? -1 : c < 5 ? 0 : c;
            }
          }
          return new Generated(n, edges);
        }));
  }

  @Property(tries = 200)
  void theSmallestRiskSetIsMinimumByExhaustiveSearch(@ForAll("graphs") Generated gen) throws Exception {
    GraphSnapshot snapshot = build(gen);
    ChannelGraph served = snapshot.channel("gen-1", "amd64").orElseThrow();
    ChannelBfs oracle = new ChannelBfs(served);
    SafePathPlanner planner = new SafePathPlanner(PathIndex.of(snapshot));
    String from = version(0);
    String to = version(gen.n() - 1);
    PathPlan plan = planner.plan(PathRequest.of("gen-1", "amd64", from, Optional.of(to)));
    Optional<Integer> bestSize = Optional.empty();
    for (int size = 0; size <= RISKS.size() && bestSize.isEmpty(); size++) {
      for (int mask = 0; mask < (1 << RISKS.size()); mask++) {
        if (Integer.bitCount(mask) == size && oracle.distance(from, to, names(mask)::containsAll).isPresent()) {
          bestSize = Optional.of(size);
          break;
        }
      }
    }
    net.jqwik.api.statistics.Statistics.collect(bestSize.map(n -> n == 0 ? "reachable" : n + " risks").orElse("never"));
    net.jqwik.api.statistics.Statistics.coverage(c -> {
      c.check("1 risks").count(n -> n >= 5);
      c.check("2 risks").count(n -> n >= 1);
      c.check("never").count(n -> n >= 5);
    });
    if (bestSize.isEmpty()) {
      assertThat(plan.reachable()).isFalse();
      assertThat(plan.cut().orElseThrow().risksCanOpen()).isFalse();
    } else if (bestSize.get() == 0) {
      assertThat(plan.reachable()).isTrue();
      assertThat(plan.hops()).hasSize(oracle.distance(from, to, Set.<String>of()::containsAll).orElseThrow());
    } else {
      PathCut cut = plan.cut().orElseThrow();
      assertThat(cut.risksCanOpen()).isTrue();
      assertThat(cut.provenMinimal()).isTrue();
      assertThat(cut.smallestRiskSet()).hasSize(bestSize.get());
      Set<String> chosen = new HashSet<>();
      cut.smallestRiskSet().forEach(r -> chosen.add(r.name()));
      assertThat(oracle.distance(from, to, chosen::containsAll)).isPresent();
      assertThat(cut.edges()).isNotEmpty();
    }
  }

  private static Set<String> names(int mask) {
    Set<String> result = new HashSet<>();
    for (int b = 0; b < RISKS.size(); b++) {
      if ((mask & (1 << b)) != 0) {
        result.add(RISKS.get(b));
      }
    }
    return result;
  }

  private static String version(int i) {
    return "1.0." + i;
  }

  static GraphSnapshot build(Generated gen) {
    List<Release> releases = new ArrayList<>();
    List<String> versions = new ArrayList<>();
    for (int i = 0; i < gen.n(); i++) {
      releases.add(new Release(version(i), "amd64", "quay.io/test/release@sha256:" + "0".repeat(64), Map.of()));
      versions.add(version(i));
    }
    List<ReleaseEdge> edges = new ArrayList<>();
    List<BlockedEdge> blocks = new ArrayList<>();
    for (int i = 0; i < gen.n(); i++) {
      for (int j = i + 1; j < gen.n(); j++) {
        int cell = gen.edges()[i][j];
        if (cell < 0) {
          continue;
        }
        edges.add(new ReleaseEdge(version(i) + "+amd64", version(j) + "+amd64"));
        for (int b = 0; b < RISKS.size(); b++) {
          if ((cell & (1 << b)) != 0) {
            String name = RISKS.get(b);
            Risk risk = new Risk(name, "https://example.com/" + name, name + " applies", List.of(MatchingRule.always()));
            blocks.add(new BlockedEdge(version(j), Pattern.compile("^" + Pattern.quote(version(i) + "+")), Optional.of(risk),
                String.format("blocked-edges/%s-%s-from-%s.yaml", version(j), name, version(i))));
          }
        }
      }
    }
    blocks.sort(Comparator.comparing(BlockedEdge::source));
    GraphData data = new GraphData("1.1.0", List.of(new Channel("gen-1", versions, "channels/gen-1.yaml")), blocks, Map.of(), List.of(), "gen");
    return GraphSnapshot.build(new ReleaseSet(releases, edges, List.of(), "gen"), data);
  }
}
