package io.covington.loadtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws values with probability proportional to their weights. O(log n) per draw, by binary
 * search over the cumulative weights; immutable, so lanes on several event loops share one.
 *
 * @param <T> the values drawn
 */
final class WeightedChoice<T> {

  /** A value and its weight (any positive scale), or, from {@link #shares()}, its share of the draws. */
  record Weighted<T>(T value, double weight) {}

  private final List<T> values;
  private final double[] cumulative;

  /**
   * @throws IllegalArgumentException when a weight is not a positive finite number (a value that
   *     must never be drawn is left out, not weighted 0) or there is no value
   */
  WeightedChoice(List<Weighted<T>> weighted) {
    if (weighted.isEmpty()) {
      throw new IllegalArgumentException("nothing to choose from");
    }
    values = new ArrayList<>(weighted.size());
    cumulative = new double[weighted.size()];
    double sum = 0;
    for (int i = 0; i < weighted.size(); i++) {
      Weighted<T> w = weighted.get(i);
      if (!(w.weight() > 0) || Double.isInfinite(w.weight())) {
        throw new IllegalArgumentException("weight of " + w.value() + " is " + w.weight() + ", not a positive number");
      }
      values.add(w.value());
      sum += w.weight();
      cumulative[i] = sum;
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= sum;
    }
    cumulative[cumulative.length - 1] = 1.0;
  }

  T next(SplittableRandom random) {
    double u = random.nextDouble();
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] <= u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return values.get(lo);
  }

  /** Every value with its share of the draws (the shares add up to 1), the largest first. */
  List<Weighted<T>> shares() {
    List<Weighted<T>> shares = new ArrayList<>(values.size());
    double previous = 0;
    for (int i = 0; i < values.size(); i++) {
      shares.add(new Weighted<>(values.get(i), cumulative[i] - previous));
      previous = cumulative[i];
    }
    shares.sort(Comparator.comparingDouble((Weighted<T> w) -> w.weight()).reversed());
    return shares;
  }
}
