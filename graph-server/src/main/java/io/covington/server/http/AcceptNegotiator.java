package io.covington.server.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the response {@code Content-Type} from a request's {@code Accept} header (RFC 9110
 * §12.5.1): media-range lists, {@code q} weights ({@code q=0} excludes), the wildcards
 * {@code *}{@code /*} and {@code type/*}, parameters and case-insensitive names.
 *
 * <p>Each offered type takes the weight of the most specific range that matches it. The offered
 * type with the highest weight wins; ties go to the more specific range, then to the earlier one
 * in the header. When the winning range is a wildcard the answer is {@link #whenWildcard()}
 * (if that type is acceptable). Immutable and thread-safe; O(offered × ranges) per call.
 */
public final class AcceptNegotiator {

  /** The OpenShift graph API's own media type. */
  public static final String CINCINNATI_V1 = "application/vnd.redhat.cincinnati.v1+json";

  public static final String JSON = "application/json";

  private final List<String> offered;
  private final String whenAbsent;
  private final String whenWildcard;

  /**
   * @param offered the concrete media types the endpoint can produce, in preference order
   * @param whenAbsent the type answered when the request has no {@code Accept} header
   * @param whenWildcard the type answered when a wildcard range is what selected a type
   */
  public AcceptNegotiator(List<String> offered, String whenAbsent, String whenWildcard) {
    this.offered = offered.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    this.whenAbsent = whenAbsent;
    this.whenWildcard = whenWildcard;
    if (!this.offered.contains(whenWildcard.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(whenWildcard + " is not among " + offered);
    }
  }

  /** The OpenShift graph: the Cincinnati v1 type by default, {@code application/json} for wildcards. */
  public static AcceptNegotiator forCincinnatiGraph() {
    return new AcceptNegotiator(List.of(JSON, CINCINNATI_V1), CINCINNATI_V1, JSON);
  }

  /** A plain JSON endpoint. */
  public static AcceptNegotiator forJson() {
    return new AcceptNegotiator(List.of(JSON), JSON, JSON);
  }

  /** The concrete media types offered, in preference order. */
  public List<String> offered() {
    return offered;
  }

  public String whenWildcard() {
    return whenWildcard;
  }

  /**
   * The {@code Content-Type} to answer with, or empty when nothing offered is acceptable (406).
   *
   * @param acceptHeader the header's value; {@code null} or blank when the request has none
   */
  public Optional<String> negotiate(String acceptHeader) {
    if (acceptHeader == null || acceptHeader.isBlank()) {
      return Optional.of(whenAbsent);
    }
    List<MediaRange> ranges = MediaRange.parseAll(acceptHeader);
    String best = null;
    MediaRange bestRange = null;
    for (String type : offered) {
      MediaRange range = governingRange(type, ranges);
      if (range == null || range.quality() <= 0) {
        continue;
      }
      if (bestRange == null || isBetter(range, bestRange)) {
        best = type;
        bestRange = range;
      }
    }
    if (bestRange == null) {
      return Optional.empty();
    }
    if (bestRange.isWildcard()) {
      MediaRange forWildcardType = governingRange(whenWildcard, ranges);
      if (forWildcardType != null && forWildcardType.quality() > 0) {
        return Optional.of(whenWildcard);
      }
    }
    return Optional.of(best);
  }

  private static boolean isBetter(MediaRange candidate, MediaRange current) {
    if (candidate.quality() != current.quality()) {
      return candidate.quality() > current.quality();
    }
    if (candidate.specificity() != current.specificity()) {
      return candidate.specificity() > current.specificity();
    }
    return candidate.position() < current.position();
  }

  /** The most specific range matching {@code type} (the first such one), or null. */
  private static MediaRange governingRange(String type, List<MediaRange> ranges) {
    MediaRange governing = null;
    for (MediaRange range : ranges) {
      if (range.matches(type)
          && (governing == null || range.specificity() > governing.specificity())) {
        governing = range;
      }
    }
    return governing;
  }

  /**
   * The type to answer {@code ctx} with, by its {@code Accept} header.
   *
   * @throws ClientError 406 {@code invalid_content_type} when nothing acceptable is offered
   */
  public String require(RoutingContext ctx) {
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    return negotiate(accept)
        .orElseThrow(() -> new ClientError(ApiError.invalidContentType(accept, String.join(", ", offered()))));
  }
}
