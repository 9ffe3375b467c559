package io.covington.graph.snapshot;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An update between two releases of one architecture, after graph-data was applied.
 *
 * @param from the release updated from
 * @param to the release updated to
 * @param conditions the conditional blocks that made this update conditional, in file-name order;
 *     empty for an unconditional update
 */
public record UpdateEdge(Release from, Release to, List<BlockedEdge> conditions) {

  public UpdateEdge {
    conditions = List.copyOf(conditions);
  }

  public boolean isConditional() {
    return !conditions.isEmpty();
  }

  /** The risks of this update, one per distinct risk name, in file-name order. */
  public List<Risk> risks() {
    return conditions.stream()
        .map(b -> b.risk().orElseThrow())
        .collect(Collectors.toMap(
            Risk::name, r -> r, (a, b) -> a, LinkedHashMap::new))
        .values()
        .stream()
        .toList();
  }
}
