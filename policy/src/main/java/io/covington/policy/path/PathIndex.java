package io.covington.policy.path;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * pass over the channel's releases and their updates) and then only read. They are kept within a
 * budget of edge entries ({@link ChannelRoutes#weight()}), least recently used out first, and an
 * evicted channel is built again when it is asked for: a JGraphT edge costs some 200 bytes in each
 * of a channel's three graphs, so the real graph-data with every release of its 76 channels (about
 * a million entries, 200 MB) would otherwise fill the shipped 320 MiB heap, and a reload, which
 * holds two snapshots, would not fit. Thread-safe.
 */
public final class PathIndex {

  /**
   * The default budget of edge entries: about 60 MB of routes, the largest real channels
   * (candidate-4.14: some 40,000 entries) several times over.
   */
  public static final int DEFAULT_MAX_EDGE_ENTRIES = 300_000;

  private record ChannelKey(String channel, String arch) {}

  private final GraphSnapshot snapshot;
  private final int maxEdgeEntries;
  private final Cache<ChannelKey, ChannelRoutes> routes;
  private final Map<String, Map<ChannelRoutes.PairKey, List<EdgeRemoval>>> removals = new ConcurrentHashMap<>();
  /** Plan routes (unions of many channels), within the same budget as the channels' routes. */
  private final Cache<PlanKey, PlanRoutes> plans;
  private final Map<String, Set<String>> riskNames = new ConcurrentHashMap<>();

  private record PlanKey(List<ChannelFamily> families, String arch) {}

  private PathIndex(GraphSnapshot snapshot, int maxEdgeEntries) {
    if (maxEdgeEntries < 1) {
      throw new IllegalArgumentException("the path index needs a budget of at least one edge entry, not " + maxEdgeEntries);
    }
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.maxEdgeEntries = maxEdgeEntries;
    // Evictions run on the calling thread, so the budget holds when a call returns.
    this.routes = Caffeine.newBuilder()
        .maximumWeight(maxEdgeEntries)
        .weigher((ChannelKey k, ChannelRoutes r) -> r.weight())
        .executor(Runnable::run)
        .build();
    this.plans = Caffeine.newBuilder()
        .maximumWeight(maxEdgeEntries)
        .weigher((PlanKey k, PlanRoutes r) -> r.union.weight())
        .executor(Runnable::run)
        .build();
  }

  public static PathIndex of(GraphSnapshot snapshot) {
    return new PathIndex(snapshot, DEFAULT_MAX_EDGE_ENTRIES);
  }

  /** An index that keeps at most {@code maxEdgeEntries} edge entries of routes. */
  public static PathIndex of(GraphSnapshot snapshot, int maxEdgeEntries) {
    return new PathIndex(snapshot, maxEdgeEntries);
  }

  /** The edge entries of the routes held now; at most the budget once a call has returned. */
  public long edgeEntries() {
    routes.cleanUp();
    return routes.asMap().values().stream().mapToLong(ChannelRoutes::weight).sum();
  }

  /** How many channel routes are held now. */
  public long cachedChannels() {
    routes.cleanUp();
    return routes.estimatedSize();
  }

  public GraphSnapshot snapshot() {
    return snapshot;
  }

  /**
   * Builds channels' entries now, e.g. off the event loop right after a snapshot is published:
   * every channel while the budget lasts, then no more (a channel built past it would only push
   * out one built a moment earlier); then the default plan routes (the stable channels).
   */
  public PathIndex warm() {
    long used = 0;
    for (String arch : snapshot.architectures()) {
      for (ChannelSummary c : snapshot.channels(arch)) {
        if (used >= maxEdgeEntries) {
          break;
        }
        used += routes(c.name(), arch).map(ChannelRoutes::weight).orElse(0);
      }
      planRoutes(List.of(ChannelFamily.STABLE), arch);
    }
    return this;
  }

  /** The routes of a channel on an architecture; empty when the snapshot has no such channel or architecture. */
  Optional<ChannelRoutes> routes(String channel, String arch) {
    ChannelKey key = new ChannelKey(channel, arch);
    ChannelRoutes cached = routes.getIfPresent(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<ChannelGraph> view = snapshot.channel(channel, arch);
    Optional<ArchGraph> archGraph = snapshot.archGraph(arch);
    if (view.isEmpty() || archGraph.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(routes.get(key, k -> ChannelRoutes.of(view.get(), archGraph.get(), removals(arch))));
  }

  /**
   * The routes of plans over {@code families} on {@code arch}; empty for an unknown architecture.
   * Built on first use (the union of the families' channels), then only read.
   */
  Optional<PlanRoutes> planRoutes(List<ChannelFamily> families, String arch) {
    if (snapshot.archGraph(arch).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(plans.get(new PlanKey(List.copyOf(families), arch), k -> {
      List<PlanRoutes.Member> all = new ArrayList<>();
      for (ChannelSummary c : snapshot.channels(arch)) {
        Optional<ChannelFamily.Member> member = ChannelFamily.of(c.name());
        if (member.isPresent() && c.releases() > 0) {
          all.add(new PlanRoutes.Member(member.get(), arch, this));
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

  /**
   * The channels on {@code arch} that serve {@code version}, by name, read from their release
   * lists: an error answer that names them builds no routes.
   */
  List<String> channelsWith(String version, String arch) {
    return snapshot.channels(arch).stream()
        .map(ChannelSummary::name)
        .filter(c -> snapshot.channel(c, arch).stream().flatMap(g -> g.nodes().stream()).anyMatch(r -> r.version().equals(version)))
        .toList();
  }

  /** {@code a, b, c and 4 more}: at most {@code max} names of {@code names}. */
  static String shortList(List<String> names, int max) {
    return String.join(", ", names.subList(0, Math.min(max, names.size())))
        + (names.size() > max ? " and " + (names.size() - max) + " more" : "");
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
