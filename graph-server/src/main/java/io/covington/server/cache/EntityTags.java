package io.covington.server.cache;

/**
 * {@code If-None-Match} evaluation (RFC 9110 §13.1.2): the field is {@code *} or a comma-separated
 * list of entity tags, each optionally weak ({@code W/"…"}), compared with the weak comparison
 * function, so {@code W/"x"} matches {@code "x"}. A malformed member is skipped, not an error.
 */
public final class EntityTags {

  private EntityTags() {}

  /**
   * Whether {@code ifNoneMatch} (the raw header, or {@code null}) matches {@code etag} (a quoted
   * strong tag), i.e. the client's stored copy is current and 304 is the answer. O(header length).
   */
  public static boolean noneMatchFails(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String field = ifNoneMatch.trim();
    if (field.equals("*")) {
      return true;
    }
    int i = 0;
    int n = field.length();
    while (i < n) {
      char c = field.charAt(i);
      if (c == ',' || c == ' ' || c == '\t') {
        i++;
        continue;
      }
      if (c == 'W' && field.startsWith("W/\"", i)) {
        i += 2;
      } else if (c != '"') {
        // Not an entity tag: skip to the next member.
        int comma = field.indexOf(',', i);
        i = comma < 0 ? n : comma + 1;
        continue;
      }
      int close = field.indexOf('"', i + 1);
      if (close < 0) {
        return false;
      }
      // Compare the opaque-tag with its quotes against the quoted strong tag.
      if (close + 1 - i == etag.length() && field.regionMatches(i, etag, 0, etag.length())) {
        return true;
      }
      i = close + 1;
    }
    return false;
  }
}
