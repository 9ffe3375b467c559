package io.covington.graph.input;

import io.covington.graph.model.Risk;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code blocked-edges/*.yaml} entry.
 *
 * @param to the exact target version; applies on every architecture unless it names one; {@link
 *     #ANY_TARGET} for a block that selects updates by {@link #osTransition()} alone
 * @param from an unanchored pattern searched in the source release id ({@code version+arch})
 * @param risk present for a conditional block (the file has {@code matchingRules}); empty for a
 *     block that removes matching edges outright
 * @param osTransition Covington's extension: the block only applies to updates that change the
 *     machine OS this way
 * @param message why the update is blocked, for people (shown by explanations); for a
 *     conditional block, the risk's message
 * @param source the file it was read from
 */
public record BlockedEdge(
    String to,
    Pattern from,
    Optional<Risk> risk,
    Optional<OsTransition> osTransition,
    Optional<String> message,
    String source) {

  /** The {@code to} of a block that selects its updates by OS transition only. */
  public static final String ANY_TARGET = "*";

  /** A block in the reference layout: no OS transition, no separate message. */
  public BlockedEdge(String to, Pattern from, Optional<Risk> risk, String source) {
    this(to, from, risk, Optional.empty(), risk.map(Risk::message), source);
  }

  public boolean isConditional() {
    return risk.isPresent();
  }

  /**
   * Whether this block applies to the update {@code fromId -> toId} ({@code version+arch} ids).
   *
   * @throws BoundedMatch.TooSlow when the {@code from} pattern takes too long to search
   */
  public boolean matches(String fromId, String toVersion, String toId) {
    return (to.equals(ANY_TARGET) || to.equals(toVersion) || to.equals(toId)) && BoundedMatch.find(from, fromId);
  }
}
