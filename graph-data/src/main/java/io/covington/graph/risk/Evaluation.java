package io.covington.graph.risk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one PromQL query gave on one synthetic cluster: the error promtool reported, or the samples.
 *
 * @param error the parse or evaluation error, as promtool printed it
 * @param samples each {@code {labels} value} of the result vector, empty when the error is present
 */
record Evaluation(Optional<String> error, List<Sample> samples) {

  /** One sample of a result vector. */
  record Sample(String labels, double value) {
    @Override
    public String toString() {
      return labels + " " + format(value);
    }
  }

  static final Evaluation EMPTY = new Evaluation(Optional.empty(), List.of());

  Evaluation {
    Objects.requireNonNull(error, "error");
    samples = List.copyOf(samples);
  }

  /** Whether the cluster-version-operator would use the result: exactly one sample, value 0 or 1. */
  boolean isEvaluable() {
    return error.isEmpty() && samples.size() == 1 && (samples.get(0).value() == 0 || samples.get(0).value() == 1);
  }

  static String format(double value) {
    return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
