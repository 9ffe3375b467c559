package io.covington.sources;

import io.covington.graph.input.InputLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How the sources read their inputs: within which limits, how long a watched directory must be
 * quiet before it is read, and how long one download may take.
 *
 * @param limits the largest files, trees and documents (and download bodies) read
 * @param quietPeriod how long no file of a watched graph-data directory may have changed before it
 *     is read (a file being rewritten, a tree being copied in)
 * @param fetchDeadline how long one whole download, body included, may take
 */
public record Reading(InputLimits limits, Duration quietPeriod, Duration fetchDeadline) {

  /** The default limits, a 1 s quiet period and a 60 s deadline. */
  public static final Reading DEFAULT = new Reading(InputLimits.DEFAULT, Duration.ofSeconds(1), HttpFetch.DEFAULT_DEADLINE);

  public Reading {
    Objects.requireNonNull(limits, "limits");
    if (quietPeriod.isNegative()) {
      throw new IllegalArgumentException("the quiet period must not be negative");
    }
    if (fetchDeadline.isNegative() || fetchDeadline.isZero()) {
      throw new IllegalArgumentException("the fetch deadline must be longer than zero");
    }
  }

  /** A conditional fetcher of {@code url} within this reading's deadline and download limit. */
  public HttpFetch fetch(String url, String accept) {
    return new HttpFetch(url, accept, fetchDeadline, limits.maxDocumentBytes());
  }
}
