package io.covington.graph.coreos;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code updates.json} says about one release: any of barrier, dead-end and rollout.
 *
 * @param barrierReason present when the release is an update barrier; the reason as written
 *     (may be empty)
 * @param deadendReason present when the release is a dead-end; the reason as written (may be
 *     empty)
 * @param rollout present when the release is being (or has been) rolled out progressively
 */
public record UpdateDirectives(
    Optional<String> barrierReason, Optional<String> deadendReason, Optional<Rollout> rollout) {

  public UpdateDirectives {
    Objects.requireNonNull(barrierReason, "barrierReason");
    Objects.requireNonNull(deadendReason, "deadendReason");
    Objects.requireNonNull(rollout, "rollout");
  }

  /** The directives of a release that {@code updates.json} does not mention. */
  public static UpdateDirectives none() {
    return new UpdateDirectives(Optional.empty(), Optional.empty(), Optional.empty());
  }

  public boolean isBarrier() {
    return barrierReason.isPresent();
  }

  public boolean isDeadend() {
    return deadendReason.isPresent();
  }

  public boolean isRollout() {
    return rollout.isPresent();
  }
}
