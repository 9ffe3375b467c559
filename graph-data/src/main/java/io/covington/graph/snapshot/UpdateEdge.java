package io.covington.graph.snapshot;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An update between two releases of one architecture, after graph-data was applied. A value:
 * equal when both ends and the conditions are equal. Not a record, so that it keeps its hash code
 * and risks: it is the edge of the JGraphT graphs, which look their edges up by hash.
 */
public final class UpdateEdge {

  private final Release from;
  private final Release to;
  private final List<BlockedEdge> conditions;
  private final List<Risk> risks;
  private final int hash;

  /**
   * @param from the release updated from
   * @param to the release updated to
   * @param conditions the conditional blocks that made this update conditional, in file-name order;
   *     empty for an unconditional update
   */
  public UpdateEdge(Release from, Release to, List<BlockedEdge> conditions) {
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    this.conditions = List.copyOf(conditions);
    this.risks = this.conditions.stream()
        .map(b -> b.risk().orElseThrow())
        .collect(Collectors.toMap(Risk::name, r -> r, (a, b) -> a, LinkedHashMap::new))
        .values()
        .stream()
        .toList();
    this.hash = Objects.hash(from, to, this.conditions);
  }

  public Release from() {
    return from;
  }

  public Release to() {
    return to;
  }

  public List<BlockedEdge> conditions() {
    return conditions;
  }

  public boolean isConditional() {
    return !conditions.isEmpty();
  }

  /** The risks of this update, one per distinct risk name, in file-name order. */
  public List<Risk> risks() {
    return risks;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof UpdateEdge e
        && hash == e.hash
        && from.equals(e.from)
        && to.equals(e.to)
        && conditions.equals(e.conditions);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "UpdateEdge[from=" + from + ", to=" + to + ", conditions=" + conditions + "]";
  }
}
