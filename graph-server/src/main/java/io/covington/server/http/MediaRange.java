package io.covington.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One media range of an {@code Accept} header, e.g. {@code application/*;q=0.5}.
 *
 * @param type the lower-cased type, {@code *} for any
 * @param subtype the lower-cased subtype, {@code *} for any
 * @param quality the {@code q} weight in [0, 1]; 0 means "not acceptable"
 * @param position the 0-based position in the header, for stable tie-breaking
 */
record MediaRange(String type, String subtype, double quality, int position) {

  /** Exact type, then {@code type/*}, then {@code *}{@code /*}: higher is more specific. */
  int specificity() {
    if (type.equals("*")) {
      return 1;
    }
    return subtype.equals("*") ? 2 : 3;
  }

  boolean isWildcard() {
    return specificity() < 3;
  }

  /** Whether this range covers the concrete media type {@code type/subtype} (lower case). */
  boolean matches(String mediaType) {
    if (type.equals("*")) {
      return true;
    }
    int slash = mediaType.indexOf('/');
    return type.equals(mediaType.substring(0, slash))
        && (subtype.equals("*") || subtype.equals(mediaType.substring(slash + 1)));
  }

  /**
   * Parses a whole {@code Accept} header. Malformed ranges (no subtype, a bad {@code q}) are left
   * out rather than failing the request; a bare {@code *} (sent by some Java clients) is read as
   * {@code *}{@code /*}.
   */
  static List<MediaRange> parseAll(String header) {
    List<MediaRange> ranges = new ArrayList<>();
    int position = 0;
    for (String element : header.split(",")) {
      if (!element.isBlank()) {
        parse(element, position++).ifPresent(ranges::add);
      }
    }
    return ranges;
  }

  private static Optional<MediaRange> parse(String element, int position) {
    // -1: keep empty parts, so that ";" alone is one empty type rather than no part at all.
    String[] parts = element.split(";", -1);
    String fullType = parts[0].trim().toLowerCase(Locale.ROOT);
    if (fullType.equals("*")) {
      fullType = "*/*";
    }
    int slash = fullType.indexOf('/');
    if (slash <= 0 || slash == fullType.length() - 1 || fullType.indexOf('/', slash + 1) >= 0) {
      return Optional.empty();
    }
    String type = fullType.substring(0, slash).trim();
    String subtype = fullType.substring(slash + 1).trim();
    if (type.equals("*") && !subtype.equals("*")) {
      return Optional.empty();
    }
    double quality = 1.0;
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      int eq = parameter.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = parameter.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      if (name.equals("q")) {
        Optional<Double> q = parseQuality(parameter.substring(eq + 1).trim());
        if (q.isEmpty()) {
          return Optional.empty();
        }
        quality = q.get();
        // Parameters after q are accept-extensions and do not affect matching.
        break;
      }
    }
    return Optional.of(new MediaRange(type, subtype, quality, position));
  }

  private static Optional<Double> parseQuality(String value) {
    if (!value.matches("[01](\\.[0-9]{0,3})?|\\.[0-9]{1,3}")) {
      return Optional.empty();
    }
    double q = Double.parseDouble(value);
    return q <= 1.0 ? Optional.of(q) : Optional.empty();
  }
}
