package io.covington.policy.coreos;

import io.covington.graph.coreos.CoreOsEdge;
import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.CoreOsNode;
import io.covington.graph.coreos.Rollout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jgrapht.Graph;
import org.jgrapht.graph.EdgeReversedGraph;
import org.jgrapht.graph.SimpleDirectedGraph;
import org.jgrapht.traverse.BreadthFirstIterator;

/**
 * Update paths and explanations on a CoreOS stream graph, as a node with a given wariness sees it
 * at a given instant (rollouts it is too wary for are closed).
 *
 * <p>Path rule, as for OpenShift channels: the fewest hops; among those, each hop goes to the
 * newest release (highest {@code age_index}) from which the target is still reachable in the
 * fewest remaining hops. Without a target, the target is the newest release reachable. A JGraphT
 * breadth-first search from the target over the reversed graph gives the distances: O(V + E).
 */
public final class StreamPaths {

  private StreamPaths() {}

  /** A version the graph does not have; the HTTP layer answers 404. */
  public static final class UnknownVersion extends Exception {
    private static final long serialVersionUID = 1L;
    private final String parameter;

    UnknownVersion(String parameter, String version, CoreOsGraph graph) {
      super(parameter + " version " + version + " is not a release of stream " + graph.stream() + " on "
          + graph.basearch() + " (" + graph.scheme().wireName() + ")", null, false, false);
      this.parameter = parameter;
    }

    public String parameter() {
      return parameter;
    }
  }

  /** A hop of a stream path. */
  public record Hop(String from, String to) {}

  /** A path plan: reachable with its hops, or not. */
  public record Plan(String stream, String basearch, String from, String target, boolean reachable, List<Hop> hops) {
    public Plan {
      hops = List.copyOf(hops);
    }
  }

  /**
   * One reason of an explanation.
   *
   * @param kind {@code offered}, {@code same_release}, {@code not_newer}, {@code not_a_target},
   *     {@code dead_end}, {@code barrier} or {@code throttled}
   */
  public record Reason(String kind, String description) {}

  /** Why the direct update {@code from → to} is or is not offered to this node now. */
  public record Explanation(String stream, String basearch, String from, String to, boolean offered, List<Reason> reasons) {
    public Explanation {
      reasons = List.copyOf(reasons);
    }
  }

  /** Plans the path from {@code from} to {@code to} (or the newest reachable release). */
  public static Plan plan(CoreOsGraph graph, double wariness, Instant now, String from, Optional<String> to)
      throws UnknownVersion {
    int source = index(graph, "from", from);
    Optional<Integer> requested = to.isPresent() ? Optional.of(index(graph, "to", to.get())) : Optional.empty();
    Graph<Integer, CoreOsEdge> served = toJGraphT(RolloutPolicy.serve(graph, wariness, now).filtered());
    int target = requested.orElseGet(() -> newestReachable(served, source, graph));
    int[] distance = distancesTo(served, target);
    List<Hop> hops = new ArrayList<>();
    if (distance[source] < 0) {
      return new Plan(graph.stream(), graph.basearch(), from, graph.nodes().get(target).version(), false, hops);
    }
    int at = source;
    while (at != target) {
      int next = -1;
      for (CoreOsEdge e : served.outgoingEdgesOf(at)) {
        if (distance[e.to()] == distance[at] - 1 && (next < 0 || age(graph, e.to()) > age(graph, next))) {
          next = e.to();
        }
      }
      hops.add(new Hop(graph.nodes().get(at).version(), graph.nodes().get(next).version()));
      at = next;
    }
    return new Plan(graph.stream(), graph.basearch(), from, graph.nodes().get(target).version(), true, hops);
  }

  /** Explains the direct update {@code from → to}. */
  public static Explanation explain(CoreOsGraph graph, double wariness, Instant now, String from, String to)
      throws UnknownVersion {
    int f = index(graph, "from", from);
    int t = index(graph, "to", to);
    CoreOsNode source = graph.nodes().get(f);
    CoreOsNode target = graph.nodes().get(t);
    List<Reason> reasons = new ArrayList<>();
    boolean edge = graph.edges().contains(new CoreOsEdge(f, t));
    if (f == t) {
      reasons.add(new Reason("same_release", from + " is the release itself"));
    } else if (target.ageIndex() <= source.ageIndex()) {
      reasons.add(new Reason("not_newer", to + " is not newer than " + from + " in the release index; nodes never go back"));
    }
    if (!target.directives().isBarrier() && !target.directives().isRollout()) {
      reasons.add(new Reason("not_a_target", to + " is neither a barrier nor a rollout: no release updates to it directly"));
    }
    source.directives().deadendReason().ifPresent(r -> reasons.add(new Reason("dead_end",
        from + " is a dead-end (" + (r.isEmpty() ? "generic" : r) + "): nodes on it are offered no update")));
    if (!edge && t > f && (target.directives().isBarrier() || target.directives().isRollout())) {
      barrierBefore(graph, f, t).ifPresent(b -> reasons.add(new Reason("barrier",
          from + " must first update to the barrier " + graph.nodes().get(b).version()
              + graph.nodes().get(b).directives().barrierReason().filter(s -> !s.isEmpty()).map(s -> " (" + s + ")").orElse(""))));
    }
    if (edge) {
      Optional<Rollout> rollout = target.directives().rollout();
      if (rollout.isPresent()) {
        double throttling = RolloutThrottle.at(rollout.get(), now);
        String when = completion(rollout.get()).map(end -> "; fully open from " + end).orElse("");
        if (wariness > throttling) {
          reasons.add(new Reason("throttled", to + " is rolling out: offered now to nodes with wariness up to "
              + throttling + ", and this node's is " + wariness + when));
        } else {
          reasons.add(new Reason("offered", to + " is rolling out (throttling " + throttling + " ≥ wariness " + wariness + ")" + when));
        }
      } else {
        reasons.add(new Reason("offered", from + " -> " + to + " is offered"));
      }
    }
    boolean offered = reasons.stream().allMatch(r -> r.kind().equals("offered")) && edge;
    return new Explanation(graph.stream(), graph.basearch(), from, to, offered, reasons);
  }

  private static Optional<Instant> completion(Rollout rollout) {
    OptionalLong minutes = rollout.effectiveDurationMinutes();
    return minutes.isPresent()
        ? Optional.of(Instant.ofEpochSecond(rollout.effectiveStartEpoch()).plusSeconds(minutes.getAsLong() * 60))
        : Optional.empty();
  }

  /** The latest barrier strictly after {@code from} and before {@code to}, if any. */
  private static Optional<Integer> barrierBefore(CoreOsGraph graph, int from, int to) {
    for (int i = to - 1; i > from; i--) {
      if (graph.nodes().get(i).directives().isBarrier()) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  private static int index(CoreOsGraph graph, String parameter, String version) throws UnknownVersion {
    for (int i = 0; i < graph.nodes().size(); i++) {
      if (graph.nodes().get(i).version().equals(version)) {
        return i;
      }
    }
    throw new UnknownVersion(parameter, version, graph);
  }

  private static int age(CoreOsGraph graph, int node) {
    return graph.nodes().get(node).ageIndex();
  }

  private static Graph<Integer, CoreOsEdge> toJGraphT(CoreOsGraph graph) {
    Graph<Integer, CoreOsEdge> g = new SimpleDirectedGraph<>(CoreOsEdge.class);
    for (int i = 0; i < graph.nodes().size(); i++) {
      g.addVertex(i);
    }
    graph.edges().forEach(e -> g.addEdge(e.from(), e.to(), e));
    return g;
  }

  private static int newestReachable(Graph<Integer, CoreOsEdge> served, int source, CoreOsGraph graph) {
    int newest = source;
    for (BreadthFirstIterator<Integer, CoreOsEdge> it = new BreadthFirstIterator<>(served, source); it.hasNext(); ) {
      int node = it.next();
      if (age(graph, node) > age(graph, newest)) {
        newest = node;
      }
    }
    return newest;
  }

  /** Hops from every node to {@code target}; -1 where it cannot be reached. */
  private static int[] distancesTo(Graph<Integer, CoreOsEdge> served, int target) {
    int[] distance = new int[served.vertexSet().size()];
    Arrays.fill(distance, -1);
    BreadthFirstIterator<Integer, CoreOsEdge> it = new BreadthFirstIterator<>(new EdgeReversedGraph<>(served), target);
    while (it.hasNext()) {
      int node = it.next();
      distance[node] = it.getDepth(node);
    }
    return distance;
  }
}
