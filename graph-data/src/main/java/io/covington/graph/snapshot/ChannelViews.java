package io.covington.graph.snapshot;

import io.covington.graph.input.Channel;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.ConditionalUpdateGroup;
import io.covington.graph.model.IndexEdge;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The served graph of every channel on one architecture: the channel's releases (with a payload),
 * the unconditional updates between them, and the conditional ones grouped by identical risk set.
 */
final class ChannelViews {

  private ChannelViews() {}

  /** A conditional update's risks sorted by name, and the identity of that risk set. */
  private record RiskGroup(List<Risk> risks, String key) {}

  static Map<String, ChannelGraph> of(ArchGraph arch, List<Channel> channels) {
    Map<String, ChannelGraph> result = new HashMap<>();
    // One conditional update is in many channels: sort its risks and key them once.
    Map<UpdateEdge, RiskGroup> groups = new IdentityHashMap<>();
    for (Channel channel : channels) {
      result.put(channel.name(), view(arch, channel, groups));
    }
    return result;
  }

  private static ChannelGraph view(ArchGraph arch, Channel channel, Map<UpdateEdge, RiskGroup> riskGroups) {
    Set<String> versions = new HashSet<>();
    for (String v : channel.versions()) {
      int plus = v.indexOf('+');
      if (plus < 0) {
        versions.add(v);
      } else if (v.substring(plus + 1).equals(arch.arch())) {
        versions.add(v.substring(0, plus));
      }
    }
    // Look the channel's versions up (a few hundred) rather than test every release of the
    // architecture against them; then put the nodes back in the architecture's SemVer order.
    List<Release> nodes = new ArrayList<>(versions.size());
    for (String v : versions) {
      arch.release(v).filter(r -> !r.isAbstract()).ifPresent(nodes::add);
    }
    nodes.sort(Comparator.comparingInt(arch::position));
    // The arch graph's releases are distinct instances: look them up by identity, not by value.
    Map<Release, Integer> index = new IdentityHashMap<>();
    for (Release r : nodes) {
      index.put(r, index.size());
    }
    List<IndexEdge> edges = new ArrayList<>();
    // Risk set -> pairs; TreeMap on the joined risks keeps groups in a stable order.
    Map<String, List<VersionPair>> pairsByRisks = new TreeMap<>();
    Map<String, List<Risk>> risksByKey = new HashMap<>();
    for (Release from : nodes) {
      for (UpdateEdge e : arch.graph().outgoingEdgesOf(from)) {
        Integer to = index.get(e.to());
        if (to == null) {
          continue;
        }
        if (!e.isConditional()) {
          edges.add(new IndexEdge(index.get(from), to));
        } else {
          RiskGroup group = riskGroups.computeIfAbsent(e, ChannelViews::riskGroup);
          pairsByRisks.computeIfAbsent(group.key(), k -> new ArrayList<>()).add(new VersionPair(from.version(), e.to().version()));
          risksByKey.putIfAbsent(group.key(), group.risks());
        }
      }
    }
    List<ConditionalUpdateGroup> groups = new ArrayList<>();
    pairsByRisks.forEach((key, pairs) -> groups.add(new ConditionalUpdateGroup(pairs, risksByKey.get(key))));
    return new ChannelGraph(channel.name(), arch.arch(), nodes, edges, groups);
  }

  private static RiskGroup riskGroup(UpdateEdge edge) {
    List<Risk> risks = new ArrayList<>(edge.risks());
    risks.sort(Comparator.comparing(Risk::name));
    return new RiskGroup(List.copyOf(risks), groupKey(risks));
  }

  /**
   * The identity of a risk set: every field of every risk, not only the names. One risk name may
   * carry another message, url or rule in another target's blocked-edges file, and the reference
   * serves each target its own file's text; grouping by name alone would serve one file's text for
   * every target.
   */
  private static String groupKey(List<Risk> risks) {
    StringBuilder key = new StringBuilder();
    for (Risk r : risks) {
      key.append(r.name()).append('\u0000').append(r.url()).append('\u0000').append(r.message());
      r.matchingRules().forEach(rule -> key.append('\u0000').append(rule.type()).append('\u0000').append(rule.promql().orElse("")));
      key.append('\n');
    }
    return key.toString();
  }
}
