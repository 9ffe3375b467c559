package io.covington.graph.validate;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.Release;
import io.covington.graph.snapshot.ArchGraph;
import io.covington.graph.snapshot.ChannelSummary;
import io.covington.graph.snapshot.EdgeRemoval;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.graph.snapshot.UpdateEdge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What replacing a served snapshot with a candidate would change for safety, counted over every
 * architecture: updates the served graph blocks that the candidate offers again, updates it makes
 * conditional that the candidate offers unconditionally, releases channels would lose — and the
 * other way, the updates the candidate would newly block or make conditional. Only updates between
 * releases both snapshots have are compared, so adding or removing releases alone changes nothing
 * here but the channels' counts. O(updates + removals + channel releases).
 *
 * @param blocked updates (from, to) the served graph removes
 * @param reopened of those, the ones the candidate offers (unconditionally or not)
 * @param conditional conditional updates the served graph offers
 * @param unconditioned of those, the ones the candidate offers unconditionally
 * @param droppedReleases for each channel (on some architecture) that would lose releases: how
 *     many it has now, and which it would lose
 * @param newlyBlocked updates the served graph offers that the candidate removes
 * @param newlyConditional unconditional updates the served graph offers that the candidate makes
 *     conditional
 */
public record SafetyDelta(
    int blocked,
    List<Update> reopened,
    int conditional,
    List<Update> unconditioned,
    List<ChannelLoss> droppedReleases,
    List<Update> newlyBlocked,
    List<Update> newlyConditional) {

  /** One update of one architecture, by version. */
  public record Update(String arch, String from, String to) {
    @Override
    public String toString() {
      return from + " -> " + to + (arch.equals("amd64") ? "" : " (" + arch + ")");
    }
  }

  /**
   * Releases one channel would lose.
   *
   * @param releases how many the channel serves now
   * @param lost the versions it would no longer serve
   */
  public record ChannelLoss(String channel, String arch, int releases, List<String> lost) {
    public ChannelLoss {
      lost = List.copyOf(lost);
    }

    public double share() {
      return releases == 0 ? 0 : (double) lost.size() / releases;
    }
  }

  public SafetyDelta {
    reopened = List.copyOf(reopened);
    unconditioned = List.copyOf(unconditioned);
    droppedReleases = List.copyOf(droppedReleases);
    newlyBlocked = List.copyOf(newlyBlocked);
    newlyConditional = List.copyOf(newlyConditional);
  }

  /** The delta from {@code served} to {@code candidate}. */
  public static SafetyDelta between(GraphSnapshot served, GraphSnapshot candidate) {
    int blocked = 0;
    int conditional = 0;
    List<Update> reopened = new ArrayList<>();
    List<Update> unconditioned = new ArrayList<>();
    List<Update> newlyBlocked = new ArrayList<>();
    List<Update> newlyConditional = new ArrayList<>();
    List<ChannelLoss> losses = new ArrayList<>();
    for (String arch : served.architectures()) {
      ArchGraph before = served.archGraph(arch).orElseThrow();
      Optional<ArchGraph> after = candidate.archGraph(arch);
      Map<String, Boolean> offeredBefore = offered(before);
      Map<String, Boolean> offeredAfter = after.map(SafetyDelta::offered).orElse(Map.of());
      Set<String> removedBefore = removed(before);
      Set<String> removedAfter = after.map(SafetyDelta::removed).orElse(Set.of());
      Set<String> idsAfter = after.map(SafetyDelta::ids).orElse(Set.of());
      for (String pair : removedBefore) {
        blocked++;
        if (offeredAfter.containsKey(pair)) {
          reopened.add(update(arch, pair));
        }
      }
      for (Map.Entry<String, Boolean> e : offeredBefore.entrySet()) {
        boolean wasConditional = e.getValue();
        Boolean now = offeredAfter.get(e.getKey());
        if (wasConditional) {
          conditional++;
          if (Boolean.FALSE.equals(now)) {
            unconditioned.add(update(arch, e.getKey()));
          }
        } else if (Boolean.TRUE.equals(now)) {
          newlyConditional.add(update(arch, e.getKey()));
        }
        if (now == null && removedAfter.contains(e.getKey()) && bothIn(e.getKey(), idsAfter)) {
          newlyBlocked.add(update(arch, e.getKey()));
        }
      }
      for (ChannelSummary summary : served.channels(arch)) {
        Optional<ChannelGraph> was = served.channel(summary.name(), arch);
        if (was.isEmpty() || was.get().nodes().isEmpty()) {
          continue;
        }
        Set<String> now = new HashSet<>();
        candidate.channel(summary.name(), arch).ifPresent(g -> g.nodes().forEach(r -> now.add(r.version())));
        List<String> lost = was.get().nodes().stream().map(Release::version).filter(v -> !now.contains(v)).toList();
        if (!lost.isEmpty()) {
          losses.add(new ChannelLoss(summary.name(), arch, was.get().nodes().size(), lost));
        }
      }
    }
    return new SafetyDelta(blocked, reopened, conditional, unconditioned, losses, newlyBlocked, newlyConditional);
  }

  /** Whether the candidate blocks or conditions anything the served graph offers freely. */
  public boolean tightens() {
    return !newlyBlocked.isEmpty() || !newlyConditional.isEmpty();
  }

  /** Every update of the architecture, by "from\nto" id pair: whether it is conditional. */
  private static Map<String, Boolean> offered(ArchGraph graph) {
    Map<String, Boolean> offered = new HashMap<>();
    for (UpdateEdge edge : graph.graph().edgeSet()) {
      offered.put(edge.from().id() + "\n" + edge.to().id(), edge.isConditional());
    }
    return offered;
  }

  private static Set<String> removed(ArchGraph graph) {
    Set<String> removed = new HashSet<>();
    for (EdgeRemoval r : graph.removals()) {
      removed.add(r.fromId() + "\n" + r.toId());
    }
    return removed;
  }

  private static Set<String> ids(ArchGraph graph) {
    Set<String> ids = new HashSet<>();
    graph.releases().forEach(r -> ids.add(r.id()));
    return ids;
  }

  private static boolean bothIn(String pair, Set<String> ids) {
    int nl = pair.indexOf('\n');
    return ids.contains(pair.substring(0, nl)) && ids.contains(pair.substring(nl + 1));
  }

  private static Update update(String arch, String pair) {
    int nl = pair.indexOf('\n');
    return new Update(arch, version(pair.substring(0, nl), arch), version(pair.substring(nl + 1), arch));
  }

  private static String version(String id, String arch) {
    String suffix = "+" + arch;
    return id.endsWith(suffix) ? id.substring(0, id.length() - suffix.length()) : id;
  }
}
