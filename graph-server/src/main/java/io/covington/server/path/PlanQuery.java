package io.covington.server.path;

import io.covington.policy.path.AcceptedRisks;
import io.covington.policy.path.ChannelFamily;
import io.covington.policy.path.PathQueryException;
import io.covington.policy.path.PlanRequest;
import io.covington.policy.path.PlanRoute;
import io.covington.server.http.ClientError;
import io.covington.server.http.Query;
import io.covington.server.openshift.GraphQuery;
import java.util.List;
import java.util.Optional;

/**
 * The validated query of a plan request: {@code from} mandatory; {@code to} (a version or a minor),
 * {@code arch}, {@code channels} (families, comma-separated), {@code route} ({@code standard} or
 * {@code eus}) and {@code acceptRisks} optional.
 */
record PlanQuery(String arch, String from, Optional<String> to, List<ChannelFamily> families, PlanRoute route,
    AcceptedRisks accepted) {

  static PlanQuery decode(Query query) {
    query.require("from");
    String from = PathQuery.version(query, "from");
    Optional<String> to = query.optional("to").map(v -> PathQuery.version(query, "to"));
    try {
      return new PlanQuery(GraphQuery.arch(query), from, to, ChannelFamily.parseList(query.optional("channels").orElse(null)),
          PlanRoute.parse(query.optional("route").orElse(null)), AcceptedRisks.parse(query.optional("acceptRisks").orElse(null)));
    } catch (PathQueryException e) {
      throw new ClientError(PathApi.error(e));
    }
  }

  PlanRequest request() {
    return new PlanRequest(arch, from, to, families, route, accepted);
  }
}
