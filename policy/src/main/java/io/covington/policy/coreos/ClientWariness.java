package io.covington.policy.coreos;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * How wary a CoreOS node is of rollouts, in [0, 1]: 0 takes every rollout at once (even one not
 * started), 1 only fully rolled-out releases.
 *
 * <p>{@code rollout_wariness}, when it is a number, is clamped to [0, 1]: negative and
 * {@code -inf} give 0, above 1 and {@code inf} give 1. The accepted syntax is that of Rust's
 * {@code f64} parsing (as in the reference server): optional sign, decimal digits with an
 * optional point and exponent, or {@code inf}/{@code infinity} in any case; no whitespace, no
 * hexadecimal, no suffix. {@code NaN} is deliberately treated as "not a number", like absent or
 * unparsable input: the wariness is then derived from {@code node_uuid} (the reference clamps NaN
 * to 0, which would show a node every rollout, even unstarted ones, on a typo).
 *
 * <p>Derived wariness: SipHash-1-3 with keys (0, 0) over the UTF-8 bytes of {@code node_uuid}
 * (empty when absent, not validated) followed by one {@code 0xFF} byte (how Rust hashes a
 * string), read as unsigned, divided by 2^64 and clamped to [0.000001, 1] so that no node is
 * as eager as a release engineer's wariness 0.
 */
public final class ClientWariness {

  /** The least wariness a node_uuid can give. */
  public static final double MIN_DERIVED = 0.000_001;

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");
  private static final double TWO_TO_THE_64 = 0x1.0p64;

  private ClientWariness() {}

  /** The wariness of a request from its {@code rollout_wariness} and {@code node_uuid} parameters. */
  public static double of(Optional<String> rolloutWariness, Optional<String> nodeUuid) {
    OptionalDouble explicit = rolloutWariness.map(ClientWariness::parse).orElse(OptionalDouble.empty());
    return explicit.isPresent() ? explicit.getAsDouble() : fromNodeUuid(nodeUuid.orElse(""));
  }

  /** {@code rollout_wariness} clamped to [0, 1]; empty when it is not a number (NaN included). */
  public static OptionalDouble parse(String rolloutWariness) {
    double value;
    if (DECIMAL.matcher(rolloutWariness).matches()) {
      value = Double.parseDouble(rolloutWariness);
    } else if (INFINITY.matcher(rolloutWariness).matches()) {
      value = rolloutWariness.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    } else {
      return OptionalDouble.empty();
    }
    // Math.max(0.0, -0.0) is 0.0, so "-0" serves as 0 too.
    return OptionalDouble.of(Math.min(1.0, Math.max(0.0, value)));
  }

  /** The stable wariness of the node {@code nodeUuid}, in [{@link #MIN_DERIVED}, 1]. */
  public static double fromNodeUuid(String nodeUuid) {
    byte[] text = nodeUuid.getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[text.length + 1];
    System.arraycopy(text, 0, input, 0, text.length);
    input[text.length] = (byte) 0xff;
    double fraction = unsignedToDouble(SipHash.SIP_1_3.hash(0, 0, input)) / TWO_TO_THE_64;
    return Math.min(1.0, Math.max(MIN_DERIVED, fraction));
  }

  /** The unsigned value of {@code bits}, rounded to the nearest double like Rust's {@code as f64}. */
  static double unsignedToDouble(long bits) {
    if (bits >= 0) {
      return bits;
    }
    // Halve (keeping the lowest bit so rounding stays correct), convert, double.
    return ((bits >>> 1) | (bits & 1)) * 2.0;
  }
}
