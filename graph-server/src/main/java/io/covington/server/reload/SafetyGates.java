package io.covington.server.reload;

import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.CoreOsNode;
import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.coreos.Scheme;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.graph.validate.SafetyDelta;
import io.covington.graph.validate.SafetyPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The {@link Reloader.Gate} of each product: what makes a valid reload wait for an operator. */
public final class SafetyGates {

  private SafetyGates() {}

  /**
   * The OpenShift graph: a reload that would offer again too many blocked updates, offer too many
   * conditional ones unconditionally, or take too many releases out of a channel ({@link SafetyPolicy}).
   */
  public static Reloader.Gate<GraphSnapshot> graph(SafetyPolicy policy) {
    return new Reloader.Gate<>() {
      @Override
      public List<String> holdReasons(GraphSnapshot served, GraphSnapshot candidate) {
        return policy.reasons(SafetyDelta.between(served, candidate));
      }

      @Override
      public Optional<String> wouldTighten(GraphSnapshot served, GraphSnapshot candidate) {
        return SafetyPolicy.tightening(SafetyDelta.between(served, candidate));
      }
    };
  }

  /**
   * The CoreOS streams: a reload that would drop a stream, or too many releases of a stream on an
   * architecture ({@link SafetyPolicy#maxChannelLoss()} of them, for streams of at least {@link
   * SafetyPolicy#minChannelReleases()}).
   */
  public static Reloader.Gate<CoreOsSnapshot> streams(SafetyPolicy policy) {
    return (served, candidate) -> {
      List<String> reasons = new ArrayList<>();
      for (String stream : served.streams()) {
        if (candidate.stream(stream).isEmpty()) {
          reasons.add("would no longer serve stream " + stream);
          continue;
        }
        for (String arch : served.basearches(stream)) {
          Set<String> before = versions(served.graph(stream, arch, Scheme.CHECKSUM));
          Set<String> after = versions(candidate.graph(stream, arch, Scheme.CHECKSUM));
          Set<String> lost = new HashSet<>(before);
          lost.removeAll(after);
          double share = before.isEmpty() ? 0 : (double) lost.size() / before.size();
          if (before.size() >= policy.minChannelReleases() && share > policy.maxChannelLoss()) {
            reasons.add(String.format(Locale.ROOT, "stream %s (%s) would lose %d of its %d releases (%.0f%%, more than %.0f%%)",
                stream, arch, lost.size(), before.size(), 100 * share, 100 * policy.maxChannelLoss()));
          }
        }
      }
      return reasons;
    };
  }

  private static Set<String> versions(Optional<CoreOsGraph> graph) {
    Set<String> versions = new HashSet<>();
    graph.ifPresent(g -> g.nodes().stream().map(CoreOsNode::version).forEach(versions::add));
    return versions;
  }
}
