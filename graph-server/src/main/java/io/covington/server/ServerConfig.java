package io.covington.server;

import io.covington.server.http.HttpLimits;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the server listens.
 *
 * @param bind the address both ports bind to, e.g. {@code 0.0.0.0}
 * @param apiPort the API port; 0 picks a free one
 * @param statusPort the status port (liveness, readiness, metrics); 0 picks a free one
 * @param pathPrefix the OpenShift API's path prefix: empty, or starting with {@code /} and not
 *     ending with it
 * @param coreosPathPrefix the CoreOS API's path prefix, of the same form
 * @param limits the HTTP edge's timeouts, connection cap and shedding bounds
 * @param historyDir where the history of graph changes is kept across restarts; empty: in memory only
 */
public record ServerConfig(
    String bind, int apiPort, int statusPort, String pathPrefix, String coreosPathPrefix, HttpLimits limits,
    Optional<Path> historyDir) {

  public ServerConfig {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(historyDir, "historyDir");
    checkPrefix(pathPrefix);
    checkPrefix(coreosPathPrefix);
    if (pathPrefix.equals(coreosPathPrefix)) {
      throw new IllegalArgumentException(
          "the OpenShift and CoreOS APIs would both answer " + pathPrefix + "/v1/graph; give them different path prefixes");
    }
  }

  /** With the history of graph changes in memory only. */
  public ServerConfig(String bind, int apiPort, int statusPort, String pathPrefix, String coreosPathPrefix, HttpLimits limits) {
    this(bind, apiPort, statusPort, pathPrefix, coreosPathPrefix, limits, Optional.empty());
  }

  /** With the {@linkplain HttpLimits#defaults() default} HTTP limits. */
  public ServerConfig(String bind, int apiPort, int statusPort, String pathPrefix, String coreosPathPrefix) {
    this(bind, apiPort, statusPort, pathPrefix, coreosPathPrefix, HttpLimits.defaults());
  }

  /** The OpenShift API under {@code pathPrefix}, the CoreOS API at the root. */
  public ServerConfig(String bind, int apiPort, int statusPort, String pathPrefix) {
    this(bind, apiPort, statusPort, pathPrefix, "");
  }

  private static void checkPrefix(String prefix) {
    if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
      throw new IllegalArgumentException("path prefix must be empty or start with / and not end with /: " + prefix);
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
