package io.covington.policy.path;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.model.Risk;
import io.covington.graph.snapshot.EdgeRemoval;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrapht.graph.DefaultEdge;

/**
 * An edge of a channel's route graph: a served update (unconditional or conditional) or a declared
 * update that was removed. Identity equality on purpose: JGraphT keys its maps by edge and every
 * pair has exactly one edge, so hashing by identity is both correct and cheap. A {@link DefaultEdge}
 * so that JGraphT stores its ends in the edge itself rather than in an extra object per edge and
 * graph (the path index holds three graphs per channel); the graphs an edge is in share its ends.
 */
final class RouteEdge extends DefaultEdge {

  private static final long serialVersionUID = 1L;

  enum Kind {
    UNCONDITIONAL,
    CONDITIONAL,
    REMOVED
  }

  final int from;
  final int to;
  final Kind kind;
  /** For CONDITIONAL: the risks, one per name, in file-name order. */
  final List<Risk> risks;
  final Set<String> riskNames;
  /** For CONDITIONAL: the blocks that made the update conditional. */
  final List<BlockedEdge> conditions;
  /** For REMOVED: what removed it. */
  final List<EdgeRemoval> removals;
  /** The risks as bits of the channel's risk table ({@link ChannelRoutes#riskNames}); 0 when the table is incomplete. */
  final long riskBits;

  private RouteEdge(int from, int to, Kind kind, List<Risk> risks, List<BlockedEdge> conditions, List<EdgeRemoval> removals, long riskBits) {
    this.from = from;
    this.to = to;
    this.kind = kind;
    this.risks = List.copyOf(risks);
    this.riskNames = risks.stream().map(Risk::name).collect(Collectors.toUnmodifiableSet());
    this.conditions = List.copyOf(conditions);
    this.removals = List.copyOf(removals);
    this.riskBits = riskBits;
  }

  static RouteEdge served(int from, int to, List<Risk> risks, List<BlockedEdge> conditions, long riskBits) {
    return new RouteEdge(from, to, conditions.isEmpty() ? Kind.UNCONDITIONAL : Kind.CONDITIONAL, risks, conditions, List.of(), riskBits);
  }

  static RouteEdge removed(int from, int to, List<EdgeRemoval> removals) {
    return new RouteEdge(from, to, Kind.REMOVED, List.of(), List.of(), removals, 0L);
  }

  boolean isServed() {
    return kind != Kind.REMOVED;
  }

  /** Whether a path may take this update when {@code accepted} are the accepted risks. */
  boolean usable(AcceptedRisks accepted) {
    return kind == Kind.UNCONDITIONAL || (kind == Kind.CONDITIONAL && accepted.acceptsAll(riskNames));
  }

  @Override
  public String toString() {
    return from + "->" + to + " " + kind;
  }
}
