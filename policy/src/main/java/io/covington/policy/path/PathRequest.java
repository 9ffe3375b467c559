package io.covington.policy.path;

import java.util.Objects;
import java.util.Optional;

/**
 * A path query.
 *
 * @param channel the channel whose served graph the path must stay in
 * @param arch the architecture, e.g. {@code amd64}
 * @param from the version the cluster runs
 * @param to the version to reach; empty for the newest release reachable from {@code from}
 * @param accepted the risks the caller accepts
 */
public record PathRequest(String channel, String arch, String from, Optional<String> to, AcceptedRisks accepted) {

  public PathRequest {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(accepted, "accepted");
  }

  /** A query with no accepted risks. */
  public static PathRequest of(String channel, String arch, String from, Optional<String> to) {
    return new PathRequest(channel, arch, from, to, AcceptedRisks.none());
  }

  public PathRequest accepting(AcceptedRisks risks) {
    return new PathRequest(channel, arch, from, to, risks);
  }
}
