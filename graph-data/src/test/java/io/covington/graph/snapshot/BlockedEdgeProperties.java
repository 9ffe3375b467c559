package io.covington.graph.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.input.Channel;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

/**
 * What blocked edges do to the served graphs (protocols.md §2.2): they only remove updates or make
 * them conditional, never create one, and the risks of a conditional update are exactly the
 * conditional blocks that match it. Each property compares a build with one built from the same
 * releases and channels but other blocks.
 */
class BlockedEdgeProperties {

  static final int TRIES = 200;

  @Provide
  Arbitrary<SnapshotScenario> scenarios() {
    return SnapshotScenario.scenarios();
  }

  @Provide
  Arbitrary<Tuple2<SnapshotScenario, BlockedEdge>> scenariosWithOneMoreBlock() {
    return SnapshotScenario.scenarios().flatMap(s -> SnapshotScenario.extraUnconditionalBlock(s).map(b -> Tuple.of(s, b)));
  }

  @Property(tries = TRIES)
  void blocksNeverAddAnUpdate(@ForAll("scenarios") SnapshotScenario s) {
    GraphSnapshot unblocked = s.withBlocks(List.of()).build();
    forEachView(
        s,
        s.build(),
        (channel, g) -> {
          ChannelGraph without = unblocked.channel(channel.name(), g.arch()).orElseThrow();
          assertThat(ServedUpdates.of(without).conditional()).isEmpty();
          assertThat(ServedUpdates.of(without).unconditional())
              .as("%s on %s", channel.name(), g.arch())
              .containsAll(ServedUpdates.of(g).all());
        });
  }

  @Property(tries = TRIES)
  void conditionalBlocksOnlyMakeUpdatesConditional(@ForAll("scenarios") SnapshotScenario s) {
    SnapshotScenario conditionalOnly = s.withBlocks(s.conditionalBlocks());
    GraphSnapshot unblocked = s.withBlocks(List.of()).build();
    forEachView(
        conditionalOnly,
        conditionalOnly.build(),
        (channel, g) -> {
          ChannelGraph without = unblocked.channel(channel.name(), g.arch()).orElseThrow();
          assertThat(ServedUpdates.of(g).all())
              .as("%s on %s", channel.name(), g.arch())
              .isEqualTo(ServedUpdates.of(without).unconditional());
        });
  }

  @Property(tries = TRIES)
  void oneMoreUnconditionalBlockNeverAddsAnUpdate(
      @ForAll("scenariosWithOneMoreBlock") Tuple2<SnapshotScenario, BlockedEdge> input) {
    SnapshotScenario s = input.get1();
    List<BlockedEdge> more = new ArrayList<>(s.blocks());
    more.add(input.get2());
    GraphSnapshot before = s.build();
    forEachView(
        s,
        s.withBlocks(more).build(),
        (channel, g) -> {
          ChannelGraph previous = before.channel(channel.name(), g.arch()).orElseThrow();
          assertThat(ServedUpdates.of(previous).all())
              .as("%s on %s", channel.name(), g.arch())
              .containsAll(ServedUpdates.of(g).all());
        });
  }

  /**
   * Starting from the unblocked graph: an update matched by a block without rules is gone; one
   * matched only by conditional blocks carries exactly their risks; any other is unconditional.
   */
  @Property(tries = TRIES)
  void conditionalRisksAreExactlyTheMatchingBlocks(@ForAll("scenarios") SnapshotScenario s) {
    GraphSnapshot unblocked = s.withBlocks(List.of()).build();
    forEachView(
        s,
        s.build(),
        (channel, g) -> {
          String arch = g.arch();
          ServedUpdates served = ServedUpdates.of(g);
          ChannelGraph without = unblocked.channel(channel.name(), arch).orElseThrow();
          for (VersionPair p : ServedUpdates.of(without).unconditional()) {
            List<BlockedEdge> matching = matchingBlocks(s.blocks(), p, arch);
            String what = p + " on " + arch + " in " + channel.name() + ", blocks " + describe(matching);
            if (matching.stream().anyMatch(b -> !b.isConditional())) {
              Statistics.label("update").collect("removed");
              assertThat(served.all()).as(what).doesNotContain(p);
            } else if (!matching.isEmpty()) {
              Statistics.label("update").collect(matching.size() > 1 ? "conditional, several blocks" : "conditional");
              Set<String> risks = new TreeSet<>();
              matching.forEach(b -> risks.add(b.risk().orElseThrow().name()));
              assertThat(served.conditional()).as(what).containsEntry(p, risks);
            } else {
              Statistics.label("update").collect("unconditional");
              assertThat(served.unconditional()).as(what).contains(p);
            }
          }
          g.conditionalEdges()
              .forEach(group -> assertThat(SnapshotScenario.RISKS).as("risks are served as written").containsAll(group.risks()));
        });
    Statistics.label("update")
        .coverage(
            c -> {
              c.check("removed").count(n -> n > 0);
              c.check("conditional").count(n -> n > 0);
              c.check("conditional, several blocks").count(n -> n > 0);
              c.check("unconditional").count(n -> n > 0);
            });
  }

  /** The blocks whose {@code to} names the target and whose {@code from} is found in the source id. */
  private static List<BlockedEdge> matchingBlocks(List<BlockedEdge> blocks, VersionPair p, String arch) {
    String fromId = p.from() + "+" + arch;
    String toId = p.to() + "+" + arch;
    return blocks.stream()
        .filter(b -> b.to().equals(p.to()) || b.to().equals(toId))
        .filter(b -> b.from().matcher(fromId).find())
        .toList();
  }

  private static String describe(List<BlockedEdge> blocks) {
    return blocks.stream()
        .map(b -> b.source() + " " + b.from() + " -> " + b.to() + b.risk().map(Risk::name).map(n -> " " + n).orElse(""))
        .toList()
        .toString();
  }

  /** Runs {@code check} on the served graph of every channel on every architecture that has one. */
  private static void forEachView(SnapshotScenario s, GraphSnapshot snapshot, BiConsumer<Channel, ChannelGraph> check) {
    for (String arch : snapshot.architectures()) {
      for (Channel channel : s.channels()) {
        check.accept(channel, snapshot.channel(channel.name(), arch).orElseThrow());
      }
    }
  }
}
