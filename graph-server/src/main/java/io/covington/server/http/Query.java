package io.covington.server.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A request's query parameters (and its route's path parameters), decoded once (on first use, so an endpoint that reads none never
 * fails on them), with the checks every API makes of them; each failed check is a {@link
 * ClientError} naming the parameter. Unknown parameters are ignored.
 */
public final class Query {

  private final Supplier<MultiMap> decode;
  private final Function<String, String> path;
  private MultiMap params;

  private Query(Supplier<MultiMap> decode, Function<String, String> path) {
    this.decode = decode;
    this.path = path;
  }

  /** The query of {@code ctx}; one that cannot be decoded is a client error, not a failure. */
  public static Query of(RoutingContext ctx) {
    return new Query(() -> {
      try {
        return ctx.queryParams();
      } catch (RuntimeException e) {
        throw new ClientError(ApiError.invalidQuery("the query string cannot be decoded"));
      }
    }, ctx::pathParam);
  }

  /** For tests and tools: the given parameters. */
  public static Query of(MultiMap params) {
    return new Query(() -> params, name -> null);
  }

  /** The value of the route's path parameter {@code name} (e.g. {@code :digest}), decoded. */
  public Optional<String> path(String name) {
    return Optional.ofNullable(path.apply(name));
  }

  private String get(String name) {
    if (params == null) {
      params = decode.get();
    }
    return params.get(name);
  }

  /** The parameter's first value, if given. */
  public Optional<String> optional(String name) {
    return Optional.ofNullable(get(name));
  }

  /**
   * Checks that every one of {@code names} is given.
   *
   * @throws ClientError {@code missing_params} listing those missing, in the order given
   */
  public void require(String... names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (get(name) == null) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new ClientError(ApiError.missingParams(missing.toArray(String[]::new)));
    }
  }

  /** The given parameter's value. */
  public String required(String name) {
    require(name);
    return get(name);
  }

  /**
   * The parameter's value, which must match {@code pattern}; {@code orElse} when absent.
   *
   * @throws ClientError {@code invalid_params} naming the parameter, its value and the pattern
   */
  public String matching(String name, Pattern pattern, String orElse) {
    String value = get(name);
    if (value == null) {
      return orElse;
    }
    if (!pattern.matcher(value).matches()) {
      throw new ClientError(ApiError.invalidParam(name, value, pattern.pattern()));
    }
    return value;
  }

  /**
   * The given parameter's value, which must not be empty.
   *
   * @throws ClientError {@code invalid_params} when it is
   */
  public String nonEmpty(String name) {
    String value = required(name);
    if (value.isEmpty()) {
      throw invalid(name + " must not be empty");
    }
    return value;
  }

  /** An {@code invalid_params} error with {@code reason}, e.g. {@code oci="x" must be true or false}. */
  public static ClientError invalid(String reason) {
    return new ClientError(ApiError.invalidQuery(reason));
  }
}
