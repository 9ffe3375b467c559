package io.covington.policy.coreos;

import io.covington.graph.coreos.Rollout;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The share of nodes (0–1) a rollout is offered to at an instant. Before the start it is 0.
 * With a duration it rises linearly from the start value to 1 at {@code start + duration}; without
 * one it stays at the start value. Time is counted in whole Unix seconds, as by the reference.
 */
final class RolloutThrottle {

  private RolloutThrottle() {}

  /** The throttling value of {@code rollout} at {@code now}. */
  public static double at(Rollout rollout, Instant now) {
    long start = rollout.effectiveStartEpoch();
    long seconds = now.getEpochSecond();
    double startValue = rollout.effectiveStartValue();
    if (seconds < start) {
      return 0.0;
    }
    OptionalLong minutes = rollout.effectiveDurationMinutes();
    if (minutes.isEmpty()) {
      return startValue;
    }
    long duration = saturatingMultiply(minutes.getAsLong(), 60);
    long end = saturatingAdd(start, duration);
    if (seconds > end) {
      return 1.0;
    }
    // Same operations and order as the reference, so both agree to the last bit.
    double rate = (1.0 - startValue) / (double) (end - start);
    return startValue + rate * (double) (seconds - start);
  }

  private static long saturatingMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return (high == 0 && low >= 0) || (high == -1 && low < 0) ? low : Long.MAX_VALUE;
  }

  private static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
