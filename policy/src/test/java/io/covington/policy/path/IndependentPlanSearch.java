package io.covington.policy.path;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.ConditionalUpdateGroup;
import io.covington.graph.model.IndexEdge;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.graph.snapshot.Versions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The plan rule computed another way, for tests: from the channels' served graphs exactly as the
 * graph API serves them (index edges and conditional groups), a forward search layer by layer that
 * keeps, for each release and number of updates, the best way there (fewest conditional updates,
 * then the newest releases compared from the start). Slow and simple on purpose; shares no code
 * with the planner.
 */
final class IndependentPlanSearch {

  /** An update offered by some channels: which ones, and its risks (empty when unconditional). */
  record Offer(List<String> channels, Set<String> risks) {}

  private record Way(List<String> versions, int conditional) {}

  /** The updates out of each release. */
  final Map<String, Map<String, Offer>> updates = new HashMap<>();

  /** The releases, SemVer order. */
  final List<String> versions;

  /** The served updates of every channel named {@code <family>-<major>.<minor>} of {@code families}, in the order given. */
  IndependentPlanSearch(GraphSnapshot snapshot, String arch, List<String> families) {
    List<ChannelGraph> channels = new ArrayList<>();
    for (String family : families) {
      Pattern name = Pattern.compile(Pattern.quote(family) + "-(\\d+)\\.(\\d+)");
      snapshot.channels(arch).stream()
          .filter(c -> name.matcher(c.name()).matches())
          .sorted((a, b) -> compareMinor(a.name().substring(family.length() + 1), b.name().substring(family.length() + 1)))
          .forEach(c -> channels.add(snapshot.channel(c.name(), arch).orElseThrow()));
    }
    for (ChannelGraph g : channels) {
      List<Release> nodes = g.nodes();
      nodes.forEach(r -> updates.computeIfAbsent(r.version(), v -> new LinkedHashMap<>()));
      for (IndexEdge e : g.edges()) {
        offer(nodes.get(e.from()).version(), nodes.get(e.to()).version(), g.channel(), Set.of());
      }
      for (ConditionalUpdateGroup group : g.conditionalEdges()) {
        Set<String> risks = group.risks().stream().map(Risk::name).collect(Collectors.toSet());
        for (VersionPair pair : group.edges()) {
          offer(pair.from(), pair.to(), g.channel(), risks);
        }
      }
    }
    versions = updates.keySet().stream().sorted(Versions.PRECEDENCE).toList();
  }

  private static int compareMinor(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int c = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
    return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
  }

  private void offer(String from, String to, String channel, Set<String> risks) {
    Offer old = updates.get(from).get(to);
    List<String> channels = new ArrayList<>(old == null ? List.of() : old.channels());
    channels.add(channel);
    updates.get(from).put(to, new Offer(channels, risks));
  }

  private static boolean usable(Offer offer, AcceptedRisks accepted) {
    return accepted.acceptsAll(offer.risks());
  }

  /** The releases reachable from {@code from} with {@code accepted}, SemVer order. */
  List<String> reachable(String from, AcceptedRisks accepted) {
    Set<String> seen = new HashSet<>();
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(from));
    seen.add(from);
    while (!queue.isEmpty()) {
      String v = queue.poll();
      updates.get(v).forEach((w, offer) -> {
        if (usable(offer, accepted) && seen.add(w)) {
          queue.add(w);
        }
      });
    }
    return seen.stream().sorted(Versions.PRECEDENCE).toList();
  }

  /** The best way from {@code from} to {@code to}: versions visited, or empty when there is none. */
  Optional<List<String>> best(String from, String to, AcceptedRisks accepted) {
    Set<String> leadToTarget = leadingTo(to, accepted);
    Map<String, Way> layer = Map.of(from, new Way(List.of(from), 0));
    for (int k = 0; k <= updates.size(); k++) {
      if (layer.containsKey(to)) {
        return Optional.of(layer.get(to).versions());
      }
      if (layer.isEmpty()) {
        return Optional.empty();
      }
      Map<String, Way> next = new HashMap<>();
      for (Way way : layer.values()) {
        String at = way.versions().get(way.versions().size() - 1);
        updates.get(at).forEach((w, offer) -> {
          if (!usable(offer, accepted) || !leadToTarget.contains(w)) {
            return;
          }
          List<String> versions = new ArrayList<>(way.versions());
          versions.add(w);
          Way candidate = new Way(versions, way.conditional() + (offer.risks().isEmpty() ? 0 : 1));
          next.merge(w, candidate, IndependentPlanSearch::better);
        });
      }
      layer = next;
    }
    return Optional.empty();
  }

  /** The releases from which {@code to} is reachable with {@code accepted}, itself included. */
  private Set<String> leadingTo(String to, AcceptedRisks accepted) {
    Map<String, List<String>> into = new HashMap<>();
    updates.forEach((from, offers) -> offers.forEach((w, offer) -> {
      if (usable(offer, accepted)) {
        into.computeIfAbsent(w, k -> new ArrayList<>()).add(from);
      }
    }));
    Set<String> seen = new HashSet<>(List.of(to));
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(to));
    while (!queue.isEmpty()) {
      for (String v : into.getOrDefault(queue.poll(), List.of())) {
        if (seen.add(v)) {
          queue.add(v);
        }
      }
    }
    return seen;
  }

  private static Way better(Way a, Way b) {
    if (a.conditional() != b.conditional()) {
      return a.conditional() < b.conditional() ? a : b;
    }
    for (int i = 0; i < a.versions().size(); i++) {
      int c = Versions.PRECEDENCE.compare(a.versions().get(i), b.versions().get(i));
      if (c != 0) {
        return c > 0 ? a : b;
      }
    }
    return a;
  }
}
