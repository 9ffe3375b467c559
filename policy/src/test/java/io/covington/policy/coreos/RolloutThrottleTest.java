package io.covington.policy.coreos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.covington.graph.coreos.Rollout;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RolloutThrottleTest {

  /** The real in-progress rollout of every stream: 2026-07-22T14:00:00Z, 0 → 1 over two days. */
  private static final long START = 1784728800L;
  private static final Rollout TWO_DAYS = Rollout.of(START, 0.0, 2880);

  private static Instant at(long epochSecond) {
    return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC).instant();
  }

  @Test
  void isZeroBeforeTheStart() {
    assertThat(RolloutThrottle.at(TWO_DAYS, at(START - 1))).isZero();
    assertThat(RolloutThrottle.at(Rollout.of(START, 0.4, 60), at(START - 1))).isZero();
  }

  @Test
  void risesLinearlyFromTheStartValueToOne() {
    assertThat(RolloutThrottle.at(TWO_DAYS, at(START))).isZero();
    assertThat(RolloutThrottle.at(TWO_DAYS, at(START + 86_400))).isEqualTo(0.5);
    assertThat(RolloutThrottle.at(TWO_DAYS, at(START + 43_200))).isEqualTo(0.25);
    Rollout fromQuarter = Rollout.of(START, 0.25, 100);
    assertThat(RolloutThrottle.at(fromQuarter, at(START))).isEqualTo(0.25);
    assertThat(RolloutThrottle.at(fromQuarter, at(START + 3_000))).isCloseTo(0.625, within(1e-12));
  }

  @Test
  void isOneFromTheEnd() {
    assertThat(RolloutThrottle.at(TWO_DAYS, at(START + 172_800))).isEqualTo(1.0);
    assertThat(RolloutThrottle.at(TWO_DAYS, at(START + 172_801))).isEqualTo(1.0);
    assertThat(RolloutThrottle.at(TWO_DAYS, at(Instant.MAX.getEpochSecond()))).isEqualTo(1.0);
  }

  @Test
  void staysAtTheStartValueWithoutDuration() {
    Rollout stuck = new Rollout(OptionalLong.of(START), OptionalDouble.of(0.3), OptionalLong.empty());
    assertThat(RolloutThrottle.at(stuck, at(START - 1))).isZero();
    assertThat(RolloutThrottle.at(stuck, at(START))).isEqualTo(0.3);
    assertThat(RolloutThrottle.at(stuck, at(START + 10_000_000))).isEqualTo(0.3);
  }

  @Test
  void aCompletedRolloutWithOnlyAStartPercentageIsFullyOpen() {
    // The real first rollouts: {"start_percentage": 1.0}, start 0, no duration.
    Rollout done = new Rollout(OptionalLong.empty(), OptionalDouble.of(1.0), OptionalLong.empty());
    assertThat(RolloutThrottle.at(done, at(START))).isEqualTo(1.0);
  }

  @Test
  void anEmptyRolloutIsClosedToEveryWaryNode() {
    Rollout empty = new Rollout(OptionalLong.empty(), OptionalDouble.empty(), OptionalLong.empty());
    assertThat(RolloutThrottle.at(empty, at(START))).isZero();
  }

  @Test
  void aZeroDurationLastsOneMinute() {
    Rollout instant = Rollout.of(START, 0.0, 0);
    assertThat(RolloutThrottle.at(instant, at(START + 30))).isEqualTo(0.5);
    assertThat(RolloutThrottle.at(instant, at(START + 61))).isEqualTo(1.0);
  }

  @Test
  void anAbsurdDurationDoesNotOverflow() {
    Rollout forever = Rollout.of(START, 0.0, Long.MAX_VALUE);
    assertThat(RolloutThrottle.at(forever, at(START + 86_400))).isBetween(0.0, 1e-9);
  }
}
