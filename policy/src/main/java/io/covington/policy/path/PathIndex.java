package io.covington.policy.path;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.snapshot.ArchGraph;
import io.covington.graph.snapshot.ChannelSummary;
import io.covington.graph.snapshot.EdgeRemoval;
import io.covington.graph.snapshot.GraphSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request-independent part of path planning and explanation for one snapshot: per channel and
 * architecture, the served releases in SemVer order and a JGraphT graph of served and removed
 * updates; per architecture, the removed updates by (from, to).
 *
 * <p>Hold one per snapshot, next to it, and drop it with it. Entries are built on first use (one
 * pass over the channel's releases and their updates) and then only read; only channels and
 * architectures that exist in the snapshot are ever cached, so the size is bounded by the
 * snapshot. Thread-safe.
 */
public final class PathIndex {

  private record ChannelKey(String channel, String arch) {}

  private final GraphSnapshot snapshot;
  private final Map<ChannelKey, ChannelRoutes> routes = new ConcurrentHashMap<>();
  private final Map<String, Map<ChannelRoutes.PairKey, List<EdgeRemoval>>> removals = new ConcurrentHashMap<>();
  private final Map<PlanKey, PlanRoutes> plans = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> riskNames = new ConcurrentHashMap<>();

  private record PlanKey(List<ChannelFamily> families, String arch) {}

  private PathIndex(GraphSnapshot snapshot) {
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
  }

  public static PathIndex of(GraphSnapshot snapshot) {
    return new PathIndex(snapshot);
  }

  public GraphSnapshot snapshot() {
    return snapshot;
  }

  /** Builds every channel's entry and the default plan routes (the stable channels) now, e.g. off the event loop right after a snapshot is published. */
  public PathIndex warm() {
    for (String arch : snapshot.architectures()) {
      snapshot.channels(arch).forEach(c -> routes(c.name(), arch));
      planRoutes(List.of(ChannelFamily.STABLE), arch);
    }
    return this;
  }

  /** The routes of a channel on an architecture; empty when the snapshot has no such channel or architecture. */
  Optional<ChannelRoutes> routes(String channel, String arch) {
    ChannelRoutes cached = routes.get(new ChannelKey(channel, arch));
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<ChannelGraph> view = snapshot.channel(channel, arch);
    Optional<ArchGraph> archGraph = snapshot.archGraph(arch);
    if (view.isEmpty() || archGraph.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(routes.computeIfAbsent(
        new ChannelKey(channel, arch), k -> ChannelRoutes.of(view.get(), archGraph.get(), removals(arch))));
  }

  /**
   * The routes of plans over {@code families} on {@code arch}; empty for an unknown architecture.
   * Built on first use (the union of the families' channels), then only read.
   */
  Optional<PlanRoutes> planRoutes(List<ChannelFamily> families, String arch) {
    if (snapshot.archGraph(arch).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(plans.computeIfAbsent(new PlanKey(List.copyOf(families), arch), k -> {
      List<PlanRoutes.Member> all = new ArrayList<>();
      for (ChannelSummary c : snapshot.channels(arch)) {
        Optional<ChannelFamily.Member> member = ChannelFamily.of(c.name());
        if (member.isPresent() && c.releases() > 0) {
          routes(c.name(), arch).ifPresent(r -> all.add(new PlanRoutes.Member(member.get(), r)));
        }
      }
      return PlanRoutes.of(k.families(), arch, all, this);
    }));
  }

  /** The union of some channels' routes on {@code arch}, named {@code name}. */
  ChannelRoutes union(String name, String arch, List<ChannelRoutes> channels) {
    List<ChannelGraph> views = channels.stream().map(r -> snapshot.channel(r.channel, arch).orElseThrow()).toList();
    return ChannelRoutes.union(name, arch, views, snapshot.archGraph(arch).orElseThrow(), removals(arch));
  }

  /**
   * Refuses accepted risks that no update of {@code arch} carries: a misspelt name would otherwise
   * accept nothing, silently.
   *
   * @throws PathQueryException of kind {@code UNKNOWN_RISK} naming every such risk
   */
  void checkRisks(String arch, AcceptedRisks accepted) throws PathQueryException {
    Set<String> known = riskNames.computeIfAbsent(arch, a -> {
      Set<String> names = new HashSet<>();
      snapshot.archGraph(a).ifPresent(g -> g.graph().edgeSet().forEach(e -> e.risks().forEach(r -> names.add(r.name()))));
      return Set.copyOf(names);
    });
    List<String> unknown = accepted.names().stream().filter(n -> !known.contains(n)).toList();
    if (!unknown.isEmpty()) {
      throw new PathQueryException(PathQueryException.Kind.UNKNOWN_RISK, "acceptRisks", String.join(",", unknown),
          "acceptRisks names risks that no " + arch + " update carries: " + String.join(", ", unknown)
              + " (risk names are case-sensitive, e.g. the name in a blocked-edges file's risk)");
    }
  }

  /** Removed declared updates of an architecture, by (from, to) version; empty for an unknown one. */
  Map<ChannelRoutes.PairKey, List<EdgeRemoval>> removals(String arch) {
    if (snapshot.archGraph(arch).isEmpty()) {
      return Map.of();
    }
    return removals.computeIfAbsent(arch, a -> {
      Map<ChannelRoutes.PairKey, List<EdgeRemoval>> byPair = new HashMap<>();
      snapshot.archGraph(a).ifPresent(g -> {
        String suffix = "+" + a;
        for (EdgeRemoval r : g.removals()) {
          ChannelRoutes.PairKey key = new ChannelRoutes.PairKey(strip(r.fromId(), suffix), strip(r.toId(), suffix));
          byPair.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
      });
      Map<ChannelRoutes.PairKey, List<EdgeRemoval>> frozen = new HashMap<>();
      byPair.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
      return Map.copyOf(frozen);
    });
  }

  private static String strip(String id, String suffix) {
    return id.endsWith(suffix) ? id.substring(0, id.length() - suffix.length()) : id;
  }
}
