package io.covington.policy.path;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link SafePathPlanner#plan}.
 *
 * @param target the version planned to: the requested {@code to}, or the newest release reachable
 *     from {@code from} (which is {@code from} itself when nothing newer is reachable)
 * @param reachable whether a usable path exists
 * @param hops the path, first hop first; empty when unreachable or when {@code from == target}
 * @param cut present iff not reachable
 */
public record PathPlan(
    String channel,
    String arch,
    String from,
    String target,
    AcceptedRisks accepted,
    boolean reachable,
    List<Hop> hops,
    Optional<PathCut> cut) {

  public PathPlan {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(accepted, "accepted");
    hops = List.copyOf(hops);
    Objects.requireNonNull(cut, "cut");
    if (reachable == cut.isPresent()) {
      throw new IllegalArgumentException("a cut is present iff the target is unreachable");
    }
  }

  /** The versions visited, {@code from} first and {@code target} last (just {@code from} when unreachable). */
  public List<String> versions() {
    List<String> result = new ArrayList<>();
    result.add(from);
    hops.forEach(h -> result.add(h.to()));
    return List.copyOf(result);
  }
}
