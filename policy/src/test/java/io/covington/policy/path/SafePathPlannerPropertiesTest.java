package io.covington.policy.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import io.covington.graph.snapshot.Versions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Graph invariants of the planner over many (from, to, accepted risks) queries on the real bundled
 * channels, checked against {@link ChannelBfs}, a plain breadth-first search over the served graph.
 */
class SafePathPlannerPropertiesTest {

  private static final List<String> CHANNELS = List.of("stable-4.16", "candidate-4.14", "stable-scos-4", "stable-4", "fast-4.15");

  private static final Map<String, ChannelBfs> ORACLES = new ConcurrentHashMap<>();

  /** One query: indexes into the channel's nodes; {@code to < 0} means no {@code to}. */
  record Query(String channel, int from, int to, AcceptedRisks accepted) {}

  @Provide
  Arbitrary<Query> queries() {
    return Arbitraries.of(CHANNELS).flatMap(name -> {
      ChannelGraph g = Bundled.SNAPSHOT.channel(name, "amd64").orElseThrow();
      int n = g.nodes().size();
      List<String> risks = g.conditionalEdges().stream().flatMap(c -> c.risks().stream()).map(Risk::name).distinct().sorted().toList();
      Arbitrary<AcceptedRisks> accepted = Arbitraries.oneOf(
          Arbitraries.just(AcceptedRisks.none()),
          Arbitraries.just(AcceptedRisks.all()),
          risks.isEmpty() ? Arbitraries.just(AcceptedRisks.none())
              : Arbitraries.of(risks).set().ofMaxSize(Math.min(6, risks.size())).map(AcceptedRisks::of));
      // Mostly upgrades (to at or after from), some newer targets no risk opens (so that such
      // answers are always seen: downgrades, which used to supply them, are now refused), some
      // downgrades, some without to.
      return Arbitraries.integers().between(0, n - 1).flatMap(from -> {
        ChannelBfs oracle = ORACLES.computeIfAbsent(name, k -> new ChannelBfs(g));
        Map<String, Integer> reachable = oracle.distances(g.nodes().get(from).version(), names -> true);
        List<Integer> closed = new ArrayList<>();
        for (int i = from + 1; i < n; i++) {
          if (!reachable.containsKey(g.nodes().get(i).version())) {
            closed.add(i);
          }
        }
        Arbitrary<Integer> upgrade = Arbitraries.integers().between(from, n - 1);
        return Combinators.combine(
                Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(6, upgrade),
                    net.jqwik.api.Tuple.of(2, closed.isEmpty() ? upgrade : Arbitraries.of(closed)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, n - 1)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.just(-1))),
                accepted)
            .as((to, acc) -> new Query(name, from, to, acc));
      });
    });
  }

  /** A target older than the release updated from: refused as a downgrade (then true), not planned. */
  private static boolean refusedAsDowngrade(Query q, ChannelGraph g) {
    if (q.to() < 0 || q.to() >= q.from()) {
      return false;
    }
    assertThatThrownBy(() -> plan(q, g)).isInstanceOfSatisfying(PathQueryException.class,
        e -> assertThat(e.kind()).isEqualTo(PathQueryException.Kind.DOWNGRADE));
    return true;
  }

  private static PathPlan plan(Query q, ChannelGraph g) throws PathQueryException {
    Optional<String> to = q.to() < 0 ? Optional.empty() : Optional.of(g.nodes().get(q.to()).version());
    return Bundled.PLANNER.plan(new PathRequest(q.channel(), "amd64", g.nodes().get(q.from()).version(), to, q.accepted()));
  }

  private static Predicate<Set<String>> usable(AcceptedRisks accepted) {
    return names -> accepted.acceptsAll(names);
  }

  @Property(tries = 300)
  void everyPlanIsAShortestNewestFirstPathOfTheServedGraph(@ForAll("queries") Query q) throws Exception {
    ChannelGraph g = Bundled.SNAPSHOT.channel(q.channel(), "amd64").orElseThrow();
    if (refusedAsDowngrade(q, g)) {
      return;
    }
    ChannelBfs oracle = ORACLES.computeIfAbsent(q.channel(), k -> new ChannelBfs(g));
    PathPlan plan = plan(q, g);
    String from = g.nodes().get(q.from()).version();
    Map<String, Integer> reach = oracle.distances(from, usable(q.accepted()));

    if (q.to() < 0) {
      String newest = reach.keySet().stream().max(Versions.PRECEDENCE).orElseThrow();
      assertThat(plan.target()).isEqualTo(newest);
    }
    assertThat(plan.reachable()).isEqualTo(reach.containsKey(plan.target()));
    if (!plan.reachable()) {
      assertThat(plan.hops()).isEmpty();
      return;
    }
    assertThat(plan.hops()).hasSize(reach.get(plan.target()));
    Map<String, Integer> toTarget = oracle.distancesTo(plan.target(), usable(q.accepted()));
    String at = from;
    for (Hop hop : plan.hops()) {
      assertThat(hop.from()).isEqualTo(at);
      Set<String> risks = oracle.edges.get(new VersionPair(hop.from(), hop.to()));
      assertThat(risks).as("hop %s is an edge of the served graph", hop).isNotNull();
      assertThat(hop.risks()).extracting(Risk::name).containsExactlyInAnyOrderElementsOf(risks);
      assertThat(hop.kind()).isEqualTo(risks.isEmpty() ? HopKind.UNCONDITIONAL : HopKind.CONDITIONAL);
      assertThat(q.accepted().acceptsAll(risks)).isTrue();
      // Tie-break: no newer release one hop closer to the target.
      int remaining = toTarget.get(hop.from());
      for (String w : oracle.out.getOrDefault(hop.from(), List.of())) {
        if (Versions.PRECEDENCE.compare(w, hop.to()) > 0 && usable(q.accepted()).test(oracle.edges.get(new VersionPair(hop.from(), w)))) {
          assertThat(toTarget.getOrDefault(w, -1)).as("newer %s than %s", w, hop.to()).isNotEqualTo(remaining - 1);
        }
      }
      at = hop.to();
    }
    assertThat(at).isEqualTo(plan.target());
    if (q.accepted().equals(AcceptedRisks.none())) {
      assertThat(plan.hops()).allSatisfy(h -> assertThat(h.kind()).isEqualTo(HopKind.UNCONDITIONAL));
    }
  }

  @Property(tries = 250)
  void unreachableAnswersHaveNoPathAndTheirRiskSetOpensOne(@ForAll("queries") Query q) throws Exception {
    ChannelGraph g = Bundled.SNAPSHOT.channel(q.channel(), "amd64").orElseThrow();
    if (q.to() < 0) {
      net.jqwik.api.statistics.Statistics.collect("no to");
      return;
    }
    if (refusedAsDowngrade(q, g)) {
      net.jqwik.api.statistics.Statistics.collect("downgrade");
      return;
    }
    ChannelBfs oracle = ORACLES.computeIfAbsent(q.channel(), k -> new ChannelBfs(g));
    PathPlan plan = plan(q, g);
    String from = plan.from();
    String to = plan.target();
    net.jqwik.api.statistics.Statistics.collect(plan.reachable() ? "reachable"
        : plan.cut().orElseThrow().risksCanOpen() ? "risks open a path" : "no risk helps");
    // The property must see every kind of answer, or it proves nothing about them ("no risk helps"
    // is rare among upgrades of the real channels: everyNoRiskHelpsAnswer… covers each one).
    net.jqwik.api.statistics.Statistics.coverage(c -> {
      c.check("risks open a path").count(n -> n >= 5);
      c.check("reachable").count(n -> n >= 10);
    });
    if (plan.reachable()) {
      return;
    }
    assertThat(oracle.distance(from, to, usable(q.accepted()))).isEmpty();
    PathCut cut = plan.cut().orElseThrow();
    if (!cut.risksCanOpen()) {
      assertThat(oracle.distance(from, to, names -> true)).isEmpty();
      assertThat(cut.smallestRiskSet()).isEmpty();
      return;
    }
    Set<String> opening = new TreeSet<>(q.accepted().names());
    cut.smallestRiskSet().forEach(r -> opening.add(r.name()));
    assertThat(cut.smallestRiskSet()).isNotEmpty().allSatisfy(r -> assertThat(q.accepted().accepts(r.name())).isFalse());
    assertThat(oracle.distance(from, to, opening::containsAll)).isPresent();
    if (cut.provenMinimal()) {
      for (Risk r : cut.smallestRiskSet()) {
        Set<String> fewer = new HashSet<>(opening);
        fewer.remove(r.name());
        assertThat(oracle.distance(from, to, fewer::containsAll)).as("without %s", r.name()).isEmpty();
      }
    }
    assertThat(cut.edges()).hasSizeLessThanOrEqualTo(PathCut.MAX_EDGES);
    assertThat(cut.totalEdges()).isGreaterThanOrEqualTo(cut.edges().size());
    // Every cut edge leaves the reachable side and is unusable.
    Map<String, Integer> near = oracle.distances(from, usable(q.accepted()));
    for (CutEdge e : cut.edges()) {
      assertThat(near).containsKey(e.from()).doesNotContainKey(e.to());
      Set<String> risks = oracle.edges.get(new VersionPair(e.from(), e.to()));
      assertThat(risks == null || !q.accepted().acceptsAll(risks)).isTrue();
    }
  }

  @Property(tries = 50)
  void nodesAreReleasesOfTheChannel(@ForAll("queries") Query q) {
    ChannelRoutes routes = Bundled.INDEX.routes(q.channel(), "amd64").orElseThrow();
    assertThat(routes.nodes).extracting(Release::version).isSortedAccordingTo(Versions.PRECEDENCE);
  }

  /**
   * Every upgrade of these channels that no accepted risk could open (found by the oracle, over
   * all pairs of the two OKD channels and fast-4.15) is answered unreachable with a cut that says
   * so: no risk opens it and no smallest risk set is offered.
   */
  @Example
  void everyNoRiskHelpsAnswerSaysSo() throws Exception {
    int checked = 0;
    for (String name : List.of("stable-scos-4", "stable-4", "fast-4.15")) {
      ChannelGraph g = Bundled.SNAPSHOT.channel(name, "amd64").orElseThrow();
      ChannelBfs oracle = ORACLES.computeIfAbsent(name, k -> new ChannelBfs(g));
      for (int from = 0; from < g.nodes().size(); from++) {
        Map<String, Integer> reachable = oracle.distances(g.nodes().get(from).version(), names -> true);
        for (int to = from + 1; to < g.nodes().size(); to++) {
          if (reachable.containsKey(g.nodes().get(to).version())) {
            continue;
          }
          PathPlan plan = plan(new Query(name, from, to, AcceptedRisks.all()), g);
          assertThat(plan.reachable()).isFalse();
          assertThat(plan.cut().orElseThrow().risksCanOpen()).as(plan.from() + " -> " + plan.target()).isFalse();
          assertThat(plan.cut().orElseThrow().smallestRiskSet()).isEmpty();
          checked++;
        }
      }
    }
    assertThat(checked).as("upgrades no risk opens in the real channels").isPositive();
  }
}
