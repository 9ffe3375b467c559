package io.covington.policy.path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What plans over some channel families on one architecture need, computed once per snapshot:
 * the union of the families' channels ({@link ChannelRoutes#union}) and the channels themselves in
 * order of preference, to name the channel of each update.
 */
final class PlanRoutes {

  /**
   * A channel of one of the families. Its routes are looked up in the index when needed, not held:
   * a plan over the stable family would otherwise pin every stable channel's routes past the
   * index's budget.
   */
  record Member(ChannelFamily.Member channel, String arch, PathIndex index) {

    ChannelRoutes routes() {
      return index.routes(channel.name(), arch).orElseThrow(() -> new IllegalStateException("channel " + channel.name() + " left the snapshot"));
    }

    /** Whether this channel serves the update {@code from → to}. */
    boolean serves(String from, String to) {
      ChannelRoutes routes = routes();
      Optional<Integer> i = routes.index(from);
      Optional<Integer> j = routes.index(to);
      return i.isPresent() && j.isPresent() && routes.served.containsEdge(i.get(), j.get());
    }
  }

  final List<ChannelFamily> families;
  final ChannelRoutes union;
  /** In order of preference: by family as asked, then by version, oldest first. */
  final List<Member> channels;

  private PlanRoutes(List<ChannelFamily> families, ChannelRoutes union, List<Member> channels) {
    this.families = List.copyOf(families);
    this.union = union;
    this.channels = List.copyOf(channels);
  }

  static PlanRoutes of(List<ChannelFamily> families, String arch, List<Member> all, PathIndex index) {
    List<Member> members = new ArrayList<>();
    for (ChannelFamily family : families) {
      all.stream()
          .filter(m -> m.channel().family() == family)
          .sorted(Comparator.comparingInt((Member m) -> m.channel().major()).thenComparingInt(m -> m.channel().minor()))
          .forEach(members::add);
    }
    String name = String.join(",", families.stream().map(ChannelFamily::wireName).toList());
    ChannelRoutes union = index.union(name, arch, members.stream().map(m -> m.routes()).toList());
    return new PlanRoutes(families, union, members);
  }

  /**
   * The preferred channel that serves {@code from → to}: the first family, as asked, with a channel
   * that does, and its oldest such channel (usually the one named for the minor of {@code to}).
   */
  Member channelFor(String from, String to) {
    return channels.stream().filter(m -> m.serves(from, to)).findFirst()
        .orElseThrow(() -> new IllegalStateException("the union serves only what one of its channels serves: " + from + " -> " + to));
  }
}
