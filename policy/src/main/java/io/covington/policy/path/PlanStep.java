package io.covington.policy.path;

import io.covington.graph.model.Risk;
import java.util.List;
import java.util.Objects;

/**
 * One update of a plan, and the channel the cluster must be in to be offered it.
 *
 * @param channel the channel that serves the update (both versions are in it)
 * @param from the version updated from
 * @param to the version updated to
 * @param kind unconditional, or conditional on {@code risks}
 * @param risks the update's risks, one per name; empty when unconditional
 * @param workersFollow whether the worker pools take this update too (false on the EUS route, whose
 *     worker pools stay paused until the control plane reaches the target)
 */
public record PlanStep(String channel, String from, String to, HopKind kind, List<Risk> risks, boolean workersFollow) {

  public PlanStep {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(kind, "kind");
    risks = List.copyOf(risks);
  }
}
