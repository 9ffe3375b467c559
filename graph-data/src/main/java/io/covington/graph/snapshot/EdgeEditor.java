package io.covington.graph.snapshot;

import static io.covington.graph.model.MetadataKeys.MACHINE_OS;
import static io.covington.graph.model.MetadataKeys.NEXT_ADD;
import static io.covington.graph.model.MetadataKeys.NEXT_REMOVE;
import static io.covington.graph.model.MetadataKeys.PREVIOUS_ADD;
import static io.covington.graph.model.MetadataKeys.PREVIOUS_REMOVE;
import static io.covington.graph.model.MetadataKeys.PREVIOUS_REMOVE_REGEX;
import static io.covington.graph.model.MetadataKeys.RELEASE_REMOVE;
import static io.covington.graph.model.MetadataKeys.REMOVE_ALL;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.input.BoundedMatch;
import io.covington.graph.input.Problems;
import io.covington.graph.input.ReleaseEdge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;

/**
 * The updates of one architecture while they are edited, in the reference order: declared
 * updates, {@code previous.add}/{@code next.add}, blocked edges (conditional or not), then {@code
 * previous.remove}, {@code next.remove}, {@code previous.remove_regex} and {@code release.remove}
 * from release metadata.
 *
 * <p>A block never creates an update: it only removes one or makes it conditional. An update that
 * matches a block without rules is removed even if conditional blocks match it too.
 */
final class EdgeEditor {

  /** The problem kind of a pattern too slow to search: it keeps the graph from replacing a served one. */
  static final String SLOW_PATTERN = "slow_pattern";

  /** An update that survived editing; {@code conditions} is empty when it is unconditional. */
  record Edge(String fromId, String toId, List<BlockedEdge> conditions) {}

  /** One declared update. Hashed by mixing, not as a record: {@code 31 * h(from) + h(to)} gives 58,786 real pairs 26,505 hashes. */
  private record Key(String fromId, String toId) {
    @Override
    public int hashCode() {
      return fromId.hashCode() * 0x9E3779B1 + toId.hashCode();
    }
  }

  private final String arch;
  private final ReleaseTable table;
  private final SnapshotBuilder.BlockIndex blocks;
  private final Problems problems;
  private final Map<Key, List<BlockedEdge>> edges = new LinkedHashMap<>();
  private final List<EdgeRemoval> removals = new ArrayList<>();
  private final Set<String> slow = new HashSet<>();

  EdgeEditor(String arch, ReleaseTable table, SnapshotBuilder.BlockIndex blocks, Problems problems) {
    this.arch = arch;
    this.table = table;
    this.blocks = blocks;
    this.problems = problems;
  }

  /** Adds the updates the release metadata declares between releases of this architecture. */
  void declare(List<ReleaseEdge> declared) {
    for (ReleaseEdge e : declared) {
      ReleaseTable.Entry from = table.get(e.fromId());
      ReleaseTable.Entry to = table.get(e.toId());
      if (from != null && to != null && from.arch().equals(arch) && to.arch().equals(arch)) {
        add(from, to, "release " + to.id());
      }
    }
  }

  void applyEdgeEditing() {
    List<ReleaseTable.Entry> releases = table.releasesOf(arch);
    for (ReleaseTable.Entry r : releases) {
      for (String v : list(r.metadata().get(PREVIOUS_ADD))) {
        ReleaseTable.Entry from = named(v, r, PREVIOUS_ADD);
        if (from != null) {
          add(from, r, "release " + r.id() + " " + PREVIOUS_ADD);
        }
      }
      for (String v : list(r.metadata().get(NEXT_ADD))) {
        ReleaseTable.Entry to = named(v, r, NEXT_ADD);
        if (to != null) {
          add(r, to, "release " + r.id() + " " + NEXT_ADD);
        }
      }
    }
    breakCycles();
    applyBlocks();
    for (ReleaseTable.Entry r : releases) {
      applyRemovals(r);
    }
    for (ReleaseTable.Entry r : releases) {
      if ("true".equals(r.metadata().get(RELEASE_REMOVE))) {
        r.remove();
        removeWhere(k -> k.fromId().equals(r.id()) || k.toId().equals(r.id()), "release.remove", r, RELEASE_REMOVE);
      }
    }
  }

  /**
   * Removes the declared updates that close a cycle: within each strongly connected component of
   * the declared updates, those that do not lead to a newer version. Updates to an older version
   * outside any cycle are kept, as the reference server serves them. Done before graph-data is
   * applied, so that a block never brings back an update (by breaking a cycle). O(V + E).
   */
  private void breakCycles() {
    Graph<String, Key> declared = new CompactDigraph<>();
    for (Key k : edges.keySet()) {
      declared.addVertex(k.fromId());
      declared.addVertex(k.toId());
      declared.addEdge(k.fromId(), k.toId(), k);
    }
    for (Set<String> component : new KosarajuStrongConnectivityInspector<>(declared).stronglyConnectedSets()) {
      if (component.size() < 2) {
        continue;
      }
      for (String id : component) {
        for (Key k : declared.outgoingEdgesOf(id)) {
          ReleaseTable.Entry from = table.get(k.fromId());
          ReleaseTable.Entry to = table.get(k.toId());
          if (component.contains(k.toId()) && Versions.PRECEDENCE.compare(from.version(), to.version()) >= 0) {
            edges.remove(k);
            String source = "release " + to.id();
            removals.add(new EdgeRemoval(k.fromId(), k.toId(), "cycle", source));
            problems.add(
                source,
                "update_cycle",
                "the update " + from.version() + " -> " + to.version()
                    + " closes a cycle of updates and leads to an older version; dropped");
          }
        }
      }
    }
  }

  private void applyBlocks() {
    Iterator<Map.Entry<Key, List<BlockedEdge>>> it = edges.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Key, List<BlockedEdge>> entry = it.next();
      Key k = entry.getKey();
      ReleaseTable.Entry to = table.get(k.toId());
      ReleaseTable.Entry from = table.get(k.fromId());
      List<BlockedEdge> conditional = new ArrayList<>();
      List<BlockedEdge> removing = new ArrayList<>();
      for (BlockedEdge b : blocks.forTarget(to.version(), to.id())) {
        if (matches(b, k, to) && osMatches(b, from, to)) {
          if (b.isConditional()) {
            conditional.add(b);
          } else {
            removing.add(b);
          }
        }
      }
      if (!removing.isEmpty()) {
        it.remove();
        BlockedEdge first = removing.get(0);
        removals.add(new EdgeRemoval(
            k.fromId(), k.toId(), EdgeRemoval.BLOCKED_EDGE, first.source(), first.message(), removing, Optional.empty()));
      } else if (!conditional.isEmpty()) {
        entry.setValue(List.copyOf(conditional));
      }
    }
  }

  /**
   * Whether {@code b} selects the update; a pattern too slow to search selects it (blocking is the
   * safe side) and is reported once as {@code slow_pattern}, which keeps the graph from replacing a
   * served one.
   */
  private boolean matches(BlockedEdge b, Key k, ReleaseTable.Entry to) {
    try {
      return b.matches(k.fromId(), to.version(), to.id());
    } catch (BoundedMatch.TooSlow e) {
      if (slow.add(b.source())) {
        problems.add(b.source(), SLOW_PATTERN, e.getMessage() + "; until then it blocks every update it is searched in");
      }
      return true;
    }
  }

  private static boolean osMatches(BlockedEdge b, ReleaseTable.Entry from, ReleaseTable.Entry to) {
    return b.osTransition()
        .map(t -> t.matches(from.metadata().getOrDefault(MACHINE_OS, ""), to.metadata().getOrDefault(MACHINE_OS, "")))
        .orElse(true);
  }

  private void applyRemovals(ReleaseTable.Entry r) {
    String previousRemove = r.metadata().get(PREVIOUS_REMOVE);
    String source = "release " + r.id();
    if (REMOVE_ALL.equals(previousRemove == null ? null : previousRemove.trim())) {
      removeWhere(k -> k.toId().equals(r.id()), "previous.remove", r, PREVIOUS_REMOVE);
    } else {
      for (String v : list(previousRemove)) {
        String fromId = v + "+" + arch;
        removeWhere(k -> k.toId().equals(r.id()) && k.fromId().equals(fromId), "previous.remove", r, PREVIOUS_REMOVE);
      }
    }
    for (String v : list(r.metadata().get(NEXT_REMOVE))) {
      String toId = v + "+" + arch;
      removeWhere(k -> k.fromId().equals(r.id()) && k.toId().equals(toId), "next.remove", r, NEXT_REMOVE);
    }
    String regex = r.metadata().get(PREVIOUS_REMOVE_REGEX);
    if (regex != null && !regex.isEmpty()) {
      try {
        Pattern p = Pattern.compile(regex);
        removeWhere(
            k -> k.toId().equals(r.id()) && removeRegexMatches(p, k, source),
            "previous.remove_regex",
            r,
            PREVIOUS_REMOVE_REGEX);
      } catch (PatternSyntaxException e) {
        problems.add(source, "invalid_regex", PREVIOUS_REMOVE_REGEX + " is not a valid regular expression: " + e.getDescription());
      }
    }
  }

  private boolean removeRegexMatches(Pattern p, Key k, String source) {
    try {
      return BoundedMatch.find(p, k.fromId());
    } catch (BoundedMatch.TooSlow e) {
      if (slow.add(source)) {
        problems.add(source, SLOW_PATTERN, PREVIOUS_REMOVE_REGEX + ": " + e.getMessage());
      }
      return true;
    }
  }

  /** Removes the updates that {@code key} in the metadata of {@code release} selects. */
  private void removeWhere(Predicate<Key> matches, String reason, ReleaseTable.Entry release, String key) {
    String source = "release " + release.id() + " " + key;
    Iterator<Key> it = edges.keySet().iterator();
    while (it.hasNext()) {
      Key k = it.next();
      if (matches.test(k)) {
        it.remove();
        removals.add(new EdgeRemoval(
            k.fromId(), k.toId(), reason, source, Optional.empty(), List.of(), Optional.of(release.id())));
      }
    }
  }

  private void add(ReleaseTable.Entry from, ReleaseTable.Entry to, String source) {
    if (from.id().equals(to.id())) {
      problems.add(source, "self_update", "an update from " + from.version() + " to itself is meaningless; dropped");
      return;
    }
    edges.putIfAbsent(new Key(from.id(), to.id()), List.of());
  }

  private ReleaseTable.Entry named(String version, ReleaseTable.Entry on, String key) {
    ReleaseTable.Entry e = table.get(version + "+" + arch);
    if (e == null) {
      problems.add("release " + on.id(), "unknown_version", key + " names " + version + ", which has no " + arch + " release; ignored");
    }
    return e;
  }

  private static List<String> list(String commaList) {
    if (commaList == null || commaList.isBlank()) {
      return List.of();
    }
    return Arrays.stream(commaList.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  List<Edge> edges() {
    List<Edge> result = new ArrayList<>(edges.size());
    edges.forEach((k, c) -> result.add(new Edge(k.fromId(), k.toId(), c)));
    return result;
  }

  List<EdgeRemoval> removals() {
    return removals;
  }
}
