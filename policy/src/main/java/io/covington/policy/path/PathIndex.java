package io.covington.policy.path;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.snapshot.ArchGraph;
import io.covington.graph.snapshot.EdgeRemoval;
import io.covington.graph.snapshot.GraphSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

  private PathIndex(GraphSnapshot snapshot) {
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
  }

  public static PathIndex of(GraphSnapshot snapshot) {
    return new PathIndex(snapshot);
  }

  public GraphSnapshot snapshot() {
    return snapshot;
  }

  /** Builds every channel's entry now, e.g. off the event loop right after a snapshot is published. */
  public PathIndex warm() {
    for (String arch : snapshot.architectures()) {
      snapshot.channels(arch).forEach(c -> routes(c.name(), arch));
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
