package io.covington.server.openshift;

import io.covington.server.http.ApiError;
import io.vertx.core.MultiMap;
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

  /** A client error found in a query, ready to be answered. */
  public static final class InvalidQuery extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ApiError error;

    public InvalidQuery(ApiError error) {
      super(error.value(), null, false, false);
      this.error = error;
    }

    public ApiError error() {
      return error;
    }
  }

  /** The query parameters of {@code ctx}; a query that cannot be decoded is a client error, not a failure. */
  public static MultiMap params(io.vertx.ext.web.RoutingContext ctx) throws InvalidQuery {
    try {
      return ctx.queryParams();
    } catch (RuntimeException e) {
      throw new InvalidQuery(ApiError.invalidQuery("the query string cannot be decoded"));
    }
  }

  public static GraphQuery parse(MultiMap params) throws InvalidQuery {
    String channel = params.get("channel");
    if (channel == null) {
      throw new InvalidQuery(ApiError.missingParams("channel"));
    }
    requireMatch("channel", channel, CHANNEL, CHANNEL_PATTERN);
    return new GraphQuery(channel, parseArch(params));
  }

  public static String parseArch(MultiMap params) throws InvalidQuery {
    String arch = params.get("arch");
    if (arch == null) {
      return DEFAULT_ARCH;
    }
    requireMatch("arch", arch, ARCH, ARCH_PATTERN);
    return arch;
  }

  private static void requireMatch(String name, String value, Pattern pattern, String source)
      throws InvalidQuery {
    if (!pattern.matcher(value).matches()) {
      throw new InvalidQuery(ApiError.invalidParam(name, value, source));
    }
  }
}
