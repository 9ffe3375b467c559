package io.covington.policy.path;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan query.
 *
 * @param arch the architecture, e.g. {@code amd64}
 * @param from the version the cluster runs
 * @param to the version to reach, or a minor such as {@code 4.16} meaning its newest release
 *     reachable; empty for the newest release reachable at all
 * @param families the channel families the cluster may be switched between, in order of
 *     preference when several serve an update
 * @param route how the pools take the updates
 * @param accepted the risks the caller accepts
 */
public record PlanRequest(
    String arch, String from, Optional<String> to, List<ChannelFamily> families, PlanRoute route, AcceptedRisks accepted) {

  public PlanRequest {
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    families = List.copyOf(families);
    if (families.isEmpty()) {
      throw new IllegalArgumentException("at least one channel family");
    }
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(accepted, "accepted");
  }
}
