package io.covington.graph.coreos;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The node metadata keys Zincati reads, and how a release's directives become their string values. */
public final class CoreOsMetadata {

  public static final String PREFIX = "org.fedoraproject.coreos.";
  public static final String SCHEME = PREFIX + "scheme";
  public static final String AGE_INDEX = PREFIX + "releases.age_index";
  public static final String BARRIER = PREFIX + "updates.barrier";
  public static final String BARRIER_REASON = PREFIX + "updates.barrier_reason";
  public static final String DEADEND = PREFIX + "updates.deadend";
  public static final String DEADEND_REASON = PREFIX + "updates.deadend_reason";
  public static final String ROLLOUT = PREFIX + "updates.rollout";
  public static final String START_EPOCH = PREFIX + "updates.start_epoch";
  public static final String START_VALUE = PREFIX + "updates.start_value";
  public static final String DURATION = PREFIX + "updates.duration_minutes";

  /** The reason served when {@code updates.json} gives an empty one. */
  public static final String GENERIC_REASON = "generic";

  private CoreOsMetadata() {}

  /**
   * The metadata of one node; every value is a string. Rollout parameters appear only when
   * {@code updates.json} gives them (as the reference server does); the policy applies defaults.
   */
  static Map<String, String> of(Scheme scheme, int ageIndex, UpdateDirectives directives) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(SCHEME, scheme.wireName());
    metadata.put(AGE_INDEX, Integer.toString(ageIndex));
    directives
        .barrierReason()
        .ifPresent(
            reason -> {
              metadata.put(BARRIER, "true");
              metadata.put(BARRIER_REASON, reasonOrGeneric(reason));
            });
    directives
        .deadendReason()
        .ifPresent(
            reason -> {
              metadata.put(DEADEND, "true");
              metadata.put(DEADEND_REASON, reasonOrGeneric(reason));
            });
    directives
        .rollout()
        .ifPresent(
            rollout -> {
              metadata.put(ROLLOUT, "true");
              rollout.startEpoch().ifPresent(epoch -> metadata.put(START_EPOCH, Long.toString(epoch)));
              rollout.startPercentage().ifPresent(value -> metadata.put(START_VALUE, decimal(value)));
              rollout.durationMinutes().ifPresent(minutes -> metadata.put(DURATION, Long.toString(minutes)));
            });
    return Collections.unmodifiableMap(metadata);
  }

  private static String reasonOrGeneric(String reason) {
    return reason.isEmpty() ? GENERIC_REASON : reason;
  }

  /** Plain decimal without exponent or trailing zeros ({@code 1}, {@code 0.25}), like Rust's f64 Display. */
  static String decimal(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
