package io.covington.graph.coreos;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The parameters of a progressive rollout, as written in {@code updates.json}.
 *
 * @param startEpoch Unix seconds at which the rollout starts; absent means 0
 * @param startPercentage the fraction (0–1) of nodes offered the release at the start; absent
 *     means 0
 * @param durationMinutes how long the rollout takes to reach every node; absent means it never
 *     progresses past its start value
 */
public record Rollout(OptionalLong startEpoch, OptionalDouble startPercentage, OptionalLong durationMinutes) {

  public Rollout {
    Objects.requireNonNull(startEpoch, "startEpoch");
    Objects.requireNonNull(startPercentage, "startPercentage");
    Objects.requireNonNull(durationMinutes, "durationMinutes");
    if (startPercentage.isPresent()) {
      double value = startPercentage.getAsDouble();
      if (!(value >= 0.0 && value <= 1.0)) {
        throw new IllegalArgumentException("start_percentage must be within [0, 1], got " + value);
      }
    }
    if (durationMinutes.isPresent() && durationMinutes.getAsLong() < 0) {
      throw new IllegalArgumentException(
          "duration_minutes must not be negative, got " + durationMinutes.getAsLong());
    }
  }

  /** A rollout with every parameter given. */
  public static Rollout of(long startEpoch, double startPercentage, long durationMinutes) {
    return new Rollout(
        OptionalLong.of(startEpoch), OptionalDouble.of(startPercentage), OptionalLong.of(durationMinutes));
  }

  /** The start in Unix seconds, 0 when not given. */
  public long effectiveStartEpoch() {
    return startEpoch.orElse(0L);
  }

  /** The throttling value at the start, 0 when not given. */
  public double effectiveStartValue() {
    return startPercentage.orElse(0.0);
  }

  /** The duration in minutes, at least 1 when given; empty for a rollout that never progresses. */
  public OptionalLong effectiveDurationMinutes() {
    return durationMinutes.isPresent()
        ? OptionalLong.of(Math.max(1L, durationMinutes.getAsLong()))
        : OptionalLong.empty();
  }
}
