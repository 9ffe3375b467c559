package io.covington.policy.path;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.model.Release;
import io.covington.graph.snapshot.ArchGraph;
import io.covington.graph.snapshot.EdgeRemoval;
import io.covington.graph.snapshot.UpdateEdge;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Says why the direct update {@code from -> to} is or is not offered in a channel on an
 * architecture: missing releases, channel membership, no declaring metadata, the blocked-edge
 * files or edge-editing metadata that removed it, the risks that make it conditional, or that it
 * is offered to everyone.
 *
 * <p>Never throws for unknown versions, channels or architectures: those are reasons too (an
 * unknown channel serves no release, so both versions are reported as not in it). Cost:
 * O(1) hash lookups plus the number of blocks involved, after {@link PathIndex} built the channel's
 * entry. Thread-safe.
 */
public final class UpdateExplainer {

  private final PathIndex index;

  public UpdateExplainer(PathIndex index) {
    this.index = Objects.requireNonNull(index, "index");
  }

  public UpdateExplanation explain(String channel, String arch, String from, String to) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    List<UpdateReason> reasons = new ArrayList<>();
    Optional<ArchGraph> archGraph = index.snapshot().archGraph(arch);
    Optional<Release> fromRelease = release(archGraph, from);
    Optional<Release> toRelease = release(archGraph, to);
    Optional<ChannelRoutes> routes = index.routes(channel, arch);
    // Non-short-circuit &: both sides are checked so that both missing versions are reported.
    boolean inChannel = membership(reasons, "from", from, fromRelease, routes, channel, arch)
        & membership(reasons, "to", to, toRelease, routes, channel, arch);
    if (fromRelease.isEmpty() || toRelease.isEmpty()) {
      return new UpdateExplanation(channel, arch, from, to, UpdateExplanation.Offer.NOT_OFFERED, reasons);
    }
    UpdateEdge edge = archGraph.get().graph().getEdge(fromRelease.get(), toRelease.get());
    UpdateExplanation.Offer offer = UpdateExplanation.Offer.NOT_OFFERED;
    if (edge != null) {
      reasons.addAll(servedReasons(from, to, edge.conditions()));
      if (inChannel) {
        offer = edge.isConditional() ? UpdateExplanation.Offer.CONDITIONAL : UpdateExplanation.Offer.UNCONDITIONAL;
      }
    } else {
      List<EdgeRemoval> removed = index.removals(arch).getOrDefault(new ChannelRoutes.PairKey(from, to), List.of());
      reasons.addAll(removed.isEmpty() ? List.of(new UpdateReason.NotDeclared(from, to)) : removalReasons(removed));
    }
    return new UpdateExplanation(channel, arch, from, to, offer, reasons);
  }

  /** Reasons an edge of a channel's route graph is or is not usable, for cut explanations. */
  static List<UpdateReason> reasons(ChannelRoutes routes, RouteEdge e) {
    return e.isServed()
        ? servedReasons(routes.version(e.from), routes.version(e.to), e.conditions)
        : removalReasons(e.removals);
  }

  private static List<UpdateReason> servedReasons(String from, String to, List<BlockedEdge> conditions) {
    if (conditions.isEmpty()) {
      return List.of(new UpdateReason.OfferedUnconditionally(from, to));
    }
    return conditions.stream()
        .map(b -> (UpdateReason) new UpdateReason.ConditionalRisk(b.source(), b.risk().orElseThrow()))
        .toList();
  }

  private static List<UpdateReason> removalReasons(List<EdgeRemoval> removals) {
    List<UpdateReason> result = new ArrayList<>();
    for (EdgeRemoval r : removals) {
      if (r.reason().equals(EdgeRemoval.BLOCKED_EDGE)) {
        List<BlockedEdge> blocks = r.blocks();
        if (blocks.isEmpty()) {
          result.add(new UpdateReason.BlockedByFile(r.source(), "", r.message()));
        }
        for (BlockedEdge b : blocks) {
          result.add(new UpdateReason.BlockedByFile(b.source(), b.from().pattern(), b.message()));
        }
      } else {
        // The source names the key last: "release <id> <key>".
        String key = r.source().substring(r.source().lastIndexOf(' ') + 1);
        result.add(new UpdateReason.RemovedByMetadata(key, r.release().orElse(r.source())));
      }
    }
    return result;
  }

  private static Optional<Release> release(Optional<ArchGraph> archGraph, String version) {
    return archGraph.flatMap(g -> g.release(version)).filter(r -> !r.isAbstract());
  }

  /** Adds the reason {@code version} is missing, if it is; answers whether the channel serves it. */
  private static boolean membership(
      List<UpdateReason> reasons,
      String parameter,
      String version,
      Optional<Release> release,
      Optional<ChannelRoutes> routes,
      String channel,
      String arch) {
    if (release.isEmpty()) {
      reasons.add(new UpdateReason.NoSuchRelease(parameter, version, arch));
      return false;
    }
    if (routes.flatMap(r -> r.index(version)).isEmpty()) {
      reasons.add(new UpdateReason.NotInChannel(parameter, version, channel));
      return false;
    }
    return true;
  }
}
