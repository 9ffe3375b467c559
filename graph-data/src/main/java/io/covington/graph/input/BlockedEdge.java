package io.covington.graph.input;

import io.covington.graph.model.Risk;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code blocked-edges/*.yaml} entry.
 *
 * @param to the exact target version; applies on every architecture unless it names one
 * @param from an unanchored pattern searched in the source release id ({@code version+arch})
 * @param risk present for a conditional block (the file has {@code matchingRules}); empty for a
 *     block that removes matching edges outright
 * @param source the file it was read from
 */
public record BlockedEdge(String to, Pattern from, Optional<Risk> risk, String source) {

  public boolean isConditional() {
    return risk.isPresent();
  }

  /** Whether this block applies to the update {@code fromId -> toId} ({@code version+arch} ids). */
  public boolean matches(String fromId, String toVersion, String toId) {
    return (to.equals(toVersion) || to.equals(toId)) && from.matcher(fromId).find();
  }
}
