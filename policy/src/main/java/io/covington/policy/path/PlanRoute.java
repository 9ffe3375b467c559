package io.covington.policy.path;

import java.util.Arrays;
import java.util.Optional;

/** How the cluster's pools take a plan's updates. */
public enum PlanRoute {
  /** Every update is a full cluster update: control plane and worker pools. */
  STANDARD("standard"),
  /**
   * From an even-minor (EUS) release to the next even minor with the worker pools paused: the
   * control plane goes through the odd minor, the workers update once, straight to the target.
   */
  EUS("eus");

  private final String wireName;

  PlanRoute(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /**
   * The {@code route} parameter; {@code standard} when null or blank.
   *
   * @throws PathQueryException when it is neither {@code standard} nor {@code eus}
   */
  public static PlanRoute parse(String value) throws PathQueryException {
    if (value == null || value.isBlank()) {
      return STANDARD;
    }
    Optional<PlanRoute> route = Arrays.stream(values()).filter(r -> r.wireName.equals(value.trim())).findFirst();
    if (route.isEmpty()) {
      throw new PathQueryException(PathQueryException.Kind.INVALID_PLAN, "route", value,
          "route must be standard or eus, not \"" + value + "\"");
    }
    return route.get();
  }
}
