package io.covington.policy.path;

import io.covington.graph.model.Risk;
import java.util.List;
import java.util.Objects;

/**
 * One update of a path, as the channel's served graph offers it.
 *
 * @param from the version updated from
 * @param to the version updated to
 * @param kind unconditional, or conditional on {@code risks}
 * @param risks the update's risks (name, message, url, matching rules), one per name; empty when
 *     unconditional
 */
public record Hop(String from, String to, HopKind kind, List<Risk> risks) {

  public Hop {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(kind, "kind");
    risks = List.copyOf(risks);
  }
}
