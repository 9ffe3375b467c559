package io.covington.policy.path;

import java.util.List;
import java.util.Objects;

/**
 * An update that would have joined the side reachable from {@code from} to the side that reaches
 * the target, but is not usable: conditional on a risk not accepted, or declared and removed.
 *
 * @param reasons why it is not usable, as {@link UpdateExplainer} states them
 */
public record CutEdge(String from, String to, List<UpdateReason> reasons) {

  public CutEdge {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    reasons = List.copyOf(reasons);
  }
}
