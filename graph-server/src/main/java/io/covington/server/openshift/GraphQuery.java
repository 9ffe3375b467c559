package io.covington.server.openshift;

import io.covington.server.http.Query;
import java.util.regex.Pattern;

/**
 * The validated query of a graph request. {@code version} and {@code id} (sent by every cluster)
 * and unknown parameters are accepted and ignored.
 *
 * @param channel the channel, matching {@code ^[0-9a-z\-\.]+$}
 * @param arch the architecture, matching {@code ^[0-9a-z]+$}, {@code amd64} when absent
 */
public record GraphQuery(String channel, String arch) {

  static final String DEFAULT_ARCH = "amd64";
  static final String CHANNEL_PATTERN = "^[0-9a-z\\-\\.]+$";
  static final String ARCH_PATTERN = "^[0-9a-z]+$";
  private static final Pattern CHANNEL = Pattern.compile(CHANNEL_PATTERN);
  private static final Pattern ARCH = Pattern.compile(ARCH_PATTERN);

  /** {@code channel} (mandatory) and {@code arch}. */
  public static GraphQuery decode(Query query) {
    query.require("channel");
    return new GraphQuery(query.matching("channel", CHANNEL, null), arch(query));
  }

  /** {@code arch}, {@code amd64} when absent. */
  public static String arch(Query query) {
    return query.matching("arch", ARCH, DEFAULT_ARCH);
  }
}
