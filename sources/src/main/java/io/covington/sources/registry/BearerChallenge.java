package io.covington.sources.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code WWW-Authenticate} challenge: its scheme ({@code bearer} or {@code basic}) and its
 * parameters ({@code realm}, {@code service}, {@code scope}).
 */
record BearerChallenge(String scheme, Map<String, String> params) {

  private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");

  BearerChallenge {
    params = Map.copyOf(params);
  }

  /** Parses the header; empty when absent or of no scheme this client speaks. */
  static Optional<BearerChallenge> parse(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String h = header.strip();
    int space = h.indexOf(' ');
    String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
    if (!scheme.equals("bearer") && !scheme.equals("basic")) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (space > 0) {
      Matcher m = PARAM.matcher(h.substring(space + 1));
      while (m.find()) {
        String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
        params.put(m.group(1).toLowerCase(Locale.ROOT), value);
      }
    }
    return Optional.of(new BearerChallenge(scheme, params));
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  String param(String name) {
    return params.getOrDefault(name, "");
  }
}
