package io.covington.server;

/**
 * Where the server listens.
 *
 * @param bind the address both ports bind to, e.g. {@code 0.0.0.0}
 * @param apiPort the API port; 0 picks a free one
 * @param statusPort the status port (liveness, readiness, metrics); 0 picks a free one
 * @param pathPrefix the OpenShift API's path prefix: empty, or starting with {@code /} and not
 *     ending with it
 */
public record ServerConfig(String bind, int apiPort, int statusPort, String pathPrefix) {

  public ServerConfig {
    if (!pathPrefix.isEmpty() && (!pathPrefix.startsWith("/") || pathPrefix.endsWith("/"))) {
      throw new IllegalArgumentException(
          "path prefix must be empty or start with / and not end with /: " + pathPrefix);
    }
  }

  /** Normalises a user-given prefix: {@code /} and {@code ""} mean none, a trailing {@code /} is dropped. */
  public static String normalizePrefix(String prefix) {
    String p = prefix.strip();
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (!p.isEmpty() && !p.startsWith("/")) {
      p = "/" + p;
    }
    return p;
  }
}
