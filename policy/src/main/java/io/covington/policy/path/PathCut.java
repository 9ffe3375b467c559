package io.covington.policy.path;

import io.covington.graph.model.Risk;
import java.util.List;

/**
 * Why no usable path exists, and what would open one.
 *
 * @param edges the unusable updates (conditional on a risk not accepted, or declared and removed)
 *     from the releases reachable from {@code from} to releases from which the target is
 *     reachable with the accepted risks, so that any one of them, were it usable, would open a
 *     path; when there is no such update (the two sides are further apart), the unusable updates
 *     into releases from which the target is reachable through any served or removed update.
 *     Ordered by (from, to) SemVer precedence; at most {@link #MAX_EDGES} of them
 * @param totalEdges how many such updates there are, listed or not
 * @param risksCanOpen whether accepting some conditional risks opens a path; false when the
 *     target cannot be reached even with every risk accepted (only removed or missing updates
 *     would help)
 * @param smallestRiskSet when {@code risksCanOpen}: a smallest set of risks, beyond those already
 *     accepted, whose acceptance opens a path (sorted by name); empty otherwise
 * @param provenMinimal whether {@code smallestRiskSet} is proven minimal; false only when the
 *     bounded search gave up and answered the risks of a shortest path with every risk accepted
 */
public record PathCut(
    List<CutEdge> edges, int totalEdges, boolean risksCanOpen, List<Risk> smallestRiskSet, boolean provenMinimal) {

  /** The most cut edges listed: a cut out of a release candidate can hold a thousand updates. */
  public static final int MAX_EDGES = 50;

  public PathCut {
    edges = List.copyOf(edges);
    smallestRiskSet = List.copyOf(smallestRiskSet);
  }
}
