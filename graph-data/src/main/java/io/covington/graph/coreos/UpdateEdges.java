package io.covington.graph.coreos;

import java.util.ArrayList;
import java.util.List;

/**
 * The Fedora CoreOS edge rules: only barriers and rollouts receive edges, and dead-ends have no
 * way out. Runs over the nodes of one graph in index order; O(nodes + edges).
 */
public final class UpdateEdges {

  private UpdateEdges() {}

  /**
   * The edges of a graph whose nodes carry {@code directives}, in index order:
   *
   * <ul>
   *   <li>into each rollout {@code t}: from every node in {@code [p, t)}, where {@code p} is the
   *       latest barrier before {@code t} (included), or the first node if there is none;
   *   <li>into each barrier {@code t} that is not a rollout: from every node since the previous
   *       barrier (included; the first node if none) up to {@code t};
   *   <li>then every edge whose source is a dead-end is dropped.
   * </ul>
   *
   * <p>Edges are listed rollouts first (latest first), then barriers, as the reference server does.
   */
  public static List<CoreOsEdge> compute(List<UpdateDirectives> directives) {
    List<CoreOsEdge> edges = new ArrayList<>();
    int n = directives.size();
    // Latest barrier strictly before each index, or 0: one forward pass.
    int[] barrierBefore = new int[n];
    int lastBarrier = 0;
    for (int i = 0; i < n; i++) {
      barrierBefore[i] = lastBarrier;
      if (directives.get(i).isBarrier()) {
        lastBarrier = i;
      }
    }
    for (int target = n - 1; target >= 0; target--) {
      if (directives.get(target).isRollout()) {
        addFrom(barrierBefore[target], target, directives, edges);
      }
    }
    for (int target = 0; target < n; target++) {
      UpdateDirectives d = directives.get(target);
      if (d.isBarrier() && !d.isRollout()) {
        addFrom(barrierBefore[target], target, directives, edges);
      }
    }
    return List.copyOf(edges);
  }

  private static void addFrom(
      int first, int target, List<UpdateDirectives> directives, List<CoreOsEdge> edges) {
    for (int source = first; source < target; source++) {
      if (!directives.get(source).isDeadend()) {
        edges.add(new CoreOsEdge(source, target));
      }
    }
  }
}
