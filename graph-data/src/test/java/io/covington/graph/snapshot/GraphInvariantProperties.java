package io.covington.graph.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.input.Channel;
import io.covington.graph.input.ReleaseEdge;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.ConditionalUpdateGroup;
import io.covington.graph.model.IndexEdge;
import io.covington.graph.model.MetadataKeys;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Invariants of every served graph the snapshot builder produces, whatever the releases, channels
 * and edge-editing metadata: what the cluster-version-operator's decoder and the protocol require
 * (protocols.md §1) and what the inputs allow (§2).
 */
class GraphInvariantProperties {

  static final int TRIES = 200;

  @Provide
  Arbitrary<SnapshotScenario> scenarios() {
    return SnapshotScenario.scenarios();
  }

  @Property(tries = TRIES)
  void unknownChannelOrArchitectureServesNothing(@ForAll("scenarios") SnapshotScenario s) {
    GraphSnapshot snapshot = s.build();
    Set<String> validArches = s.validReleases().values().stream().map(Release::arch).collect(Collectors.toSet());
    assertThat(snapshot.architectures()).isEqualTo(new TreeSet<>(validArches));
    for (String arch : SnapshotScenario.REQUESTED_ARCHES) {
      assertThat(snapshot.channel("no-such-channel", arch)).as("unknown channel on %s", arch).isEmpty();
      for (String channel : s.channelNames()) {
        assertThat(snapshot.channel(channel, arch).isPresent())
            .as("channel %s on %s", channel, arch)
            .isEqualTo(validArches.contains(arch));
      }
    }
  }

  @Property(tries = TRIES)
  void nodesAreTheChannelsStrictSemverReleasesSortedByPrecedence(@ForAll("scenarios") SnapshotScenario s) {
    GraphSnapshot snapshot = s.build();
    for (String arch : snapshot.architectures()) {
      for (Channel channel : s.channels()) {
        ChannelGraph g = snapshot.channel(channel.name(), arch).orElseThrow();
        List<String> versions = g.nodes().stream().map(Release::version).toList();
        assertThat(versions).as("%s on %s", channel.name(), arch).doesNotHaveDuplicates().allMatch(StrictSemver::isValid);
        for (int i = 1; i < versions.size(); i++) {
          assertThat(StrictSemver.PRECEDENCE.compare(versions.get(i - 1), versions.get(i)))
              .as("%s before %s in %s on %s", versions.get(i - 1), versions.get(i), channel.name(), arch)
              .isNegative();
        }
        assertThat(new HashSet<>(versions)).as("nodes of %s on %s", channel.name(), arch).isEqualTo(expectedNodes(s, channel, arch));
        for (Release node : g.nodes()) {
          assertThat(node.arch()).isEqualTo(arch);
          assertThat(node.payload()).isNotEmpty();
          node.metadata().forEach((k, v) -> assertThat(v).as("metadata %s of %s", k, node.id()).isNotNull());
          String channels = node.metadata().get(MetadataKeys.CHANNELS);
          assertThat(channels).as("channels of %s", node.id()).isNotNull();
          assertThat(Arrays.asList(channels.split(","))).contains(channel.name());
        }
      }
    }
  }

  @Property(tries = TRIES)
  void unconditionalEdgesJoinDistinctNodesOfTheChannel(@ForAll("scenarios") SnapshotScenario s) {
    GraphSnapshot snapshot = s.build();
    for (String arch : snapshot.architectures()) {
      for (Channel channel : s.channels()) {
        ChannelGraph g = snapshot.channel(channel.name(), arch).orElseThrow();
        Set<String> members = SnapshotScenario.members(channel, arch);
        int n = g.nodes().size();
        assertThat(g.edges()).as("edges of %s on %s", channel.name(), arch).doesNotHaveDuplicates();
        for (IndexEdge e : g.edges()) {
          assertThat(e.from()).isBetween(0, n - 1);
          assertThat(e.to()).isBetween(0, n - 1);
          assertThat(e.from()).as("self-loop %s", e).isNotEqualTo(e.to());
          assertThat(members).contains(g.nodes().get(e.from()).version(), g.nodes().get(e.to()).version());
        }
        Set<VersionPair> pairs = ServedUpdates.of(g).unconditional();
        assertThat(pairs).hasSameSizeAs(g.edges());
      }
    }
  }

  @Property(tries = TRIES)
  void conditionalUpdatesAreGroupedOnceAndNameServedNodes(@ForAll("scenarios") SnapshotScenario s) {
    GraphSnapshot snapshot = s.build();
    for (String arch : snapshot.architectures()) {
      for (Channel channel : s.channels()) {
        ChannelGraph g = snapshot.channel(channel.name(), arch).orElseThrow();
        Set<String> nodes = g.nodes().stream().map(Release::version).collect(Collectors.toSet());
        Set<VersionPair> unconditional = ServedUpdates.of(g).unconditional();
        Set<VersionPair> seen = new HashSet<>();
        for (ConditionalUpdateGroup group : g.conditionalEdges()) {
          assertThat(group.edges()).isNotEmpty();
          List<String> names = group.risks().stream().map(Risk::name).toList();
          assertThat(names).as("risks of %s", group.edges()).isNotEmpty().doesNotHaveDuplicates().allMatch(x -> !x.isEmpty());
          for (VersionPair p : group.edges()) {
            assertThat(seen.add(p)).as("%s in more than one group of %s on %s", p, channel.name(), arch).isTrue();
            assertThat(unconditional).as("%s both conditional and not", p).doesNotContain(p);
            assertThat(nodes).as("endpoints of %s", p).contains(p.from(), p.to());
            assertThat(p.from()).isNotEqualTo(p.to());
          }
        }
      }
    }
  }

  @Property(tries = TRIES)
  void everyUpdateIsDeclaredAndOnlyUpdatesClosingACycleAreDropped(@ForAll("scenarios") SnapshotScenario s) {
    GraphSnapshot snapshot = s.build();
    for (String arch : snapshot.architectures()) {
      ArchGraph archGraph = snapshot.archGraph(arch).orElseThrow();
      Set<ReleaseEdge> declared = s.declaredUpdates(arch);
      assertThat(new CycleDetector<>(archGraph.graph()).detectCycles()).as("cycle on %s", arch).isFalse();
      for (UpdateEdge e : archGraph.graph().edgeSet()) {
        assertThat(e.from().arch()).isEqualTo(arch);
        assertThat(e.to().arch()).isEqualTo(arch);
        assertThat(declared).as("declared updates on %s", arch).contains(new ReleaseEdge(e.from().id(), e.to().id()));
      }
      // Updates to older versions are served like the reference does, unless they close a cycle:
      // then they lead to an older (or equal) version and their target reaches their source.
      Graph<String, DefaultEdge> declaredGraph =
          new DefaultDirectedGraph<>(DefaultEdge.class);
      declared.forEach(d -> {
        declaredGraph.addVertex(d.fromId());
        declaredGraph.addVertex(d.toId());
        declaredGraph.addEdge(d.fromId(), d.toId());
      });
      for (EdgeRemoval r : archGraph.removals()) {
        if (r.reason().equals("cycle")) {
          assertThat(StrictSemver.PRECEDENCE.compare(version(r.fromId()), version(r.toId()))).as("%s", r).isNotNegative();
          assertThat(new DijkstraShortestPath<>(declaredGraph).getPath(r.toId(), r.fromId()))
              .as("%s closes a cycle", r).isNotNull();
        }
      }
      for (Channel channel : s.channels()) {
        for (VersionPair p : ServedUpdates.of(snapshot.channel(channel.name(), arch).orElseThrow()).all()) {
          assertThat(declared).contains(new ReleaseEdge(p.from() + "+" + arch, p.to() + "+" + arch));
        }
      }
    }
  }

  @Property(tries = TRIES)
  void buildingTwiceServesEqualGraphs(@ForAll("scenarios") SnapshotScenario s) {
    GraphSnapshot first = s.build();
    GraphSnapshot second = s.build();
    assertThat(second.architectures()).isEqualTo(first.architectures());
    for (String arch : SnapshotScenario.REQUESTED_ARCHES) {
      for (String channel : s.channelNames()) {
        assertThat(second.channel(channel, arch)).isEqualTo(first.channel(channel, arch));
      }
    }
  }

  private static String version(String id) {
    return id.substring(0, id.indexOf('+'));
  }

  /** Concrete, kept, not {@code release.remove}d releases of {@code arch} that the channel lists. */
  private static Set<String> expectedNodes(SnapshotScenario s, Channel channel, String arch) {
    Set<String> members = SnapshotScenario.members(channel, arch);
    Map<String, Release> valid = s.validReleases();
    return valid.values().stream()
        .filter(r -> r.arch().equals(arch) && !r.isAbstract() && members.contains(r.version()))
        .filter(r -> !"true".equals(r.metadata().get(MetadataKeys.RELEASE_REMOVE)))
        .map(Release::version)
        .collect(Collectors.toSet());
  }
}
