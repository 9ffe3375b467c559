package io.covington.server.path;

import io.covington.policy.path.AcceptedRisks;
import io.covington.server.http.Query;
import io.covington.server.openshift.GraphQuery;
import java.util.Optional;

/**
 * The validated query of a path or explain request.
 *
 * @param channel the channel, as for the graph
 * @param arch the architecture, as for the graph
 * @param from the version updated from
 * @param to the version to reach; mandatory for an explanation
 * @param accepted the risks accepted ({@code acceptRisks}: names, comma-separated, or {@code all})
 */
record PathQuery(String channel, String arch, String from, Optional<String> to, AcceptedRisks accepted) {

  private static final int MAX_VERSION_LENGTH = 256;

  /** {@code channel} and {@code from} mandatory, {@code to} and {@code acceptRisks} optional. */
  static PathQuery forPath(Query query) {
    return decode(query, false);
  }

  /** {@code channel}, {@code from} and {@code to} mandatory. */
  static PathQuery forExplain(Query query) {
    return decode(query, true);
  }

  private static PathQuery decode(Query query, boolean toRequired) {
    if (toRequired) {
      query.require("channel", "from", "to");
    } else {
      query.require("channel", "from");
    }
    GraphQuery graph = GraphQuery.decode(query);
    String from = version(query, "from");
    Optional<String> to = query.optional("to").map(v -> version(query, "to"));
    return new PathQuery(graph.channel(), graph.arch(), from, to, AcceptedRisks.parse(query.optional("acceptRisks").orElse(null)));
  }

  static String version(Query query, String name) {
    String value = query.required(name);
    if (value.isEmpty() || value.length() > MAX_VERSION_LENGTH) {
      throw Query.invalid(name + " must be a release version of 1 to " + MAX_VERSION_LENGTH + " characters");
    }
    return value;
  }
}
