package io.covington.loadtest;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one step (one arrival rate held for a duration) measured. Latencies are in microseconds
 * from each request's scheduled send time to the end of its response body.
 *
 * @param offeredRate the arrival rate asked for, requests per second
 * @param seconds how long the step ran, until its last response
 * @param scheduled requests the schedule called for
 * @param completed responses received, whatever their status
 * @param bytes body bytes received
 * @param statuses responses by status code
 * @param errors failures by kind: {@code connect}, {@code timeout}, {@code io}, {@code 5xx},
 *     {@code unexpected_status}, {@code overload} (not sent: too many in flight)
 * @param latency the histogram of completed responses
 */
public record StepResult(int offeredRate, double seconds, long scheduled, long completed, long bytes, Map<Integer, Long> statuses,
    Map<String, Long> errors, Histogram latency) {

  /** Responses per second actually received. */
  public double achievedRate() {
    return seconds <= 0 ? 0 : completed / seconds;
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Errors per scheduled request. */
  public double errorRate() {
    return scheduled == 0 ? 0 : (double) errorCount() / scheduled;
  }

  /** The latency at {@code percentile} (0–100), in milliseconds. */
  public double millisAt(double percentile) {
    return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
  }

  public double maxMillis() {
    return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
  }

  /** One line of the report. */
  public String describe() {
    return String.format(Locale.ROOT,
        "rate %6d/s  achieved %9.1f/s  sent %8d  p50 %8.3f  p90 %8.3f  p99 %8.3f  p99.9 %8.3f  max %8.3f ms"
            + "  %.1f MB/s  errors %d %s  statuses %s",
        offeredRate, achievedRate(), scheduled, millisAt(50), millisAt(90), millisAt(99), millisAt(99.9), maxMillis(),
        seconds <= 0 ? 0 : bytes / seconds / 1e6, errorCount(), new TreeMap<>(errors), new TreeMap<>(statuses));
  }
}
