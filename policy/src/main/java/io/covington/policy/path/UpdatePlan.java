package io.covington.policy.path;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link UpdatePlanner#plan}: the updates a cluster takes, across channels.
 *
 * @param arch the architecture
 * @param from the version updated from
 * @param requested the {@code to} asked for (a version or a minor); empty when none was
 * @param target the version planned to: the requested version, the newest reachable release of
 *     the requested minor (the newest of that minor when none is reachable), or the newest release
 *     reachable at all
 * @param families the channel families used, in order of preference
 * @param route how the pools take the updates
 * @param accepted the risks accepted
 * @param reachable whether the target can be reached with the accepted risks
 * @param steps the updates, first first; empty when unreachable or when {@code from == target}
 * @param cut present iff not reachable: the unusable updates between the two sides and the risks
 *     that would open a way, as for a path in one channel
 * @param newerWithoutRisk when the target needs a risk (its plan is conditional or it cannot be
 *     reached), the newest release of the same minor that is newer than it and reachable by
 *     unconditional updates alone; empty otherwise
 * @param commands the {@code oc} commands that carry the plan out, in order; empty when unreachable
 */
public record UpdatePlan(
    String arch,
    String from,
    Optional<String> requested,
    String target,
    List<ChannelFamily> families,
    PlanRoute route,
    AcceptedRisks accepted,
    boolean reachable,
    List<PlanStep> steps,
    Optional<PathCut> cut,
    Optional<NewerRelease> newerWithoutRisk,
    List<PlanCommand> commands) {

  public UpdatePlan {
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(target, "target");
    families = List.copyOf(families);
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(accepted, "accepted");
    steps = List.copyOf(steps);
    Objects.requireNonNull(cut, "cut");
    Objects.requireNonNull(newerWithoutRisk, "newerWithoutRisk");
    commands = List.copyOf(commands);
    if (reachable == cut.isPresent()) {
      throw new IllegalArgumentException("a cut is present iff the target is unreachable");
    }
  }

  /** The versions the control plane runs, {@code from} first and {@code target} last (just {@code from} when unreachable). */
  public List<String> versions() {
    List<String> result = new ArrayList<>();
    result.add(from);
    steps.forEach(s -> result.add(s.to()));
    return List.copyOf(result);
  }

  /**
   * The versions the worker pools run: every version on the standard route; on the EUS route only
   * {@code from} and the target, the pools being paused in between.
   */
  public List<String> workerVersions() {
    List<String> result = new ArrayList<>();
    result.add(from);
    steps.stream().filter(PlanStep::workersFollow).forEach(s -> result.add(s.to()));
    if (!steps.isEmpty() && !steps.get(steps.size() - 1).workersFollow()) {
      result.add(target);
    }
    return List.copyOf(result);
  }

  /** How many of the updates are conditional. */
  public int conditionalCount() {
    return (int) steps.stream().filter(s -> s.kind() == HopKind.CONDITIONAL).count();
  }

  /**
   * A newer release that needs no risk.
   *
   * @param version the release
   * @param updates how many updates it takes from {@code from}, unconditional ones only
   */
  public record NewerRelease(String version, int updates) {

    public NewerRelease {
      Objects.requireNonNull(version, "version");
    }
  }
}
