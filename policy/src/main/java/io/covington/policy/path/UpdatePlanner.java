package io.covington.policy.path;

import io.covington.graph.model.Release;
import io.covington.graph.snapshot.ArchGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgrapht.Graph;
import org.semver4j.Semver;

/**
 * Plans a whole update across the channels of some families: which channel to be in for each
 * update, and the {@code oc} commands.
 *
 * <p><b>Contract.</b> An update {@code A → B} may be taken in channel C iff C serves it (A and B
 * both in C, and the update in C's served graph, the one {@code /v1/graph} returns); a cluster may
 * switch to any channel of the families asked. Unconditional updates are always usable,
 * conditional ones iff every one of their risks is accepted.
 *
 * <p><b>Which plan.</b> (1) The fewest updates; (2) among those, the fewest conditional updates;
 * (3) among those, the newest releases: compared update by update, the first that differs goes to
 * the newer release (SemVer). Equivalently, each update goes to the newest release from which the
 * target is still reachable with the fewest updates and, with that many, the fewest conditional
 * ones. Each update's channel is the first family (in the order asked) with a channel that serves
 * it, and of that family the oldest such channel, which is the channel named for the minor
 * updated to whenever it serves the update.
 *
 * <p><b>EUS route.</b> From an even minor to the next even minor (4.14 → 4.16), the {@code eus}
 * family is preferred before those asked, and the worker pools are paused for the whole plan: the
 * control plane runs the odd minor, the workers go straight from {@code from} to the target.
 *
 * <p><b>Complexity.</b> The union of the families' channels is built once per snapshot by {@link
 * PathIndex}. A plan is one breadth-first search back from the target and one pass over its
 * edges to count conditional updates, O(N + E) on the union (stable-4.1 … stable-4.22: about 1,300
 * releases); an unreachable target adds the cut and risk-set searches of {@link SafePathPlanner}.
 * Thread-safe.
 */
public final class UpdatePlanner {

  private static final Pattern MINOR = Pattern.compile("^(\\d+)\\.(\\d+)$");

  private final PathIndex index;

  public UpdatePlanner(PathIndex index) {
    this.index = Objects.requireNonNull(index, "index");
  }

  /**
   * Plans the update.
   *
   * @throws PathQueryException when the architecture or a version is unknown, a version is in no
   *     channel of the families, the target is older than {@code from}, an accepted risk is carried
   *     by no update, or the EUS route does not fit the versions
   */
  public UpdatePlan plan(PlanRequest request) throws PathQueryException {
    String arch = request.arch();
    Optional<ArchGraph> archGraph = index.snapshot().archGraph(arch);
    if (archGraph.isEmpty()) {
      throw new PathQueryException(PathQueryException.Kind.UNKNOWN_ARCH, "arch", arch, "no release has architecture " + arch);
    }
    index.checkRisks(arch, request.accepted());
    List<ChannelFamily> families = families(request);
    PlanRoutes plan = index.planRoutes(families, arch).orElseThrow();
    ChannelRoutes routes = plan.union;
    int from = node(plan, "from", request.from());
    Graph<Integer, RouteEdge> usable = routes.usable(request.accepted());
    int target = target(plan, usable, from, request);
    if (request.route() == PlanRoute.EUS) {
      checkEus(request.from(), routes.version(target));
    }
    int n = routes.nodes.size();
    int[] remaining = Bfs.hops(usable, target, n, true, -1);
    Optional<UpdatePlan.NewerRelease> newer = Optional.empty();
    boolean explicitVersion = request.to().isPresent() && !MINOR.matcher(request.to().get()).matches();
    if (remaining[from] < 0) {
      PathCut cut = SafePathPlanner.cut(routes, usable, from, target, remaining, request.accepted());
      if (explicitVersion) {
        newer = newerWithoutRisk(routes, from, target);
      }
      return new UpdatePlan(arch, request.from(), request.to(), routes.version(target), families, request.route(),
          request.accepted(), false, List.of(), Optional.of(cut), newer, List.of());
    }
    List<PlanStep> steps = walk(plan, usable, from, target, remaining, request.route());
    if (explicitVersion && steps.stream().anyMatch(s -> s.kind() == HopKind.CONDITIONAL)) {
      newer = newerWithoutRisk(routes, from, target);
    }
    return new UpdatePlan(arch, request.from(), request.to(), routes.version(target), families, request.route(),
        request.accepted(), true, steps, Optional.empty(), newer, PlanCommands.of(request.route(), steps));
  }

  /** The families searched: on the EUS route, {@code eus} first. */
  private static List<ChannelFamily> families(PlanRequest request) {
    if (request.route() != PlanRoute.EUS) {
      return request.families();
    }
    LinkedHashSet<ChannelFamily> families = new LinkedHashSet<>();
    families.add(ChannelFamily.EUS);
    families.addAll(request.families());
    return List.copyOf(families);
  }

  private int target(PlanRoutes plan, Graph<Integer, RouteEdge> usable, int from, PlanRequest request)
      throws PathQueryException {
    ChannelRoutes routes = plan.union;
    BitSet reachable = SafePathPlanner.reachableFrom(usable, from);
    if (request.to().isEmpty()) {
      return reachable.length() - 1;
    }
    String to = request.to().get();
    Matcher minor = MINOR.matcher(to);
    Semver fromVersion = new Semver(request.from());
    if (!minor.matches()) {
      int target = node(plan, "to", to);
      if (target < from) {
        throw downgrade(to, request.from());
      }
      return target;
    }
    int major = Integer.parseInt(minor.group(1));
    int min = Integer.parseInt(minor.group(2));
    if (major < fromVersion.getMajor() || (major == fromVersion.getMajor() && min < fromVersion.getMinor())) {
      throw downgrade(to, request.from());
    }
    int newest = -1;
    int newestReachable = -1;
    for (int i = from; i < routes.nodes.size(); i++) {
      Semver v = new Semver(routes.version(i));
      if (v.getMajor() == major && v.getMinor() == min) {
        newest = i;
        if (reachable.get(i)) {
          newestReachable = i;
        }
      }
    }
    if (newest < 0) {
      throw new PathQueryException(PathQueryException.Kind.UNKNOWN_VERSION, "to", to,
          "to " + to + ": no " + to + " release newer than " + request.from() + " is in the " + familyNames(plan)
              + " channels on " + routes.arch);
    }
    return newestReachable >= 0 ? newestReachable : newest;
  }

  private static PathQueryException downgrade(String to, String from) {
    return new PathQueryException(PathQueryException.Kind.DOWNGRADE, "to", to,
        "to " + to + " is older than from " + from + ": OpenShift clusters are never downgraded; ask for "
            + PlanCommands.minor(from) + " or newer");
  }

  private static void checkEus(String from, String target) throws PathQueryException {
    Semver f = new Semver(from);
    Semver t = new Semver(target);
    if (f.getMinor() % 2 != 0) {
      throw new PathQueryException(PathQueryException.Kind.INVALID_PLAN, "route", "eus",
          "route=eus starts from an even minor (an EUS release); from " + from + " is " + PlanCommands.minor(from));
    }
    if (t.getMajor() != f.getMajor() || t.getMinor() != f.getMinor() + 2) {
      throw new PathQueryException(PathQueryException.Kind.INVALID_PLAN, "route", "eus",
          "route=eus goes from one EUS minor to the next, " + PlanCommands.minor(from) + " to " + f.getMajor() + "."
              + (f.getMinor() + 2) + "; the target " + target + " is not of " + f.getMajor() + "." + (f.getMinor() + 2)
              + " (ask to=" + f.getMajor() + "." + (f.getMinor() + 2) + ")");
    }
  }

  /**
   * The plan's steps: from each release, the update to the newest release with the fewest updates
   * and then the fewest conditional updates left to the target.
   */
  private static List<PlanStep> walk(
      PlanRoutes plan, Graph<Integer, RouteEdge> usable, int from, int target, int[] remaining, PlanRoute route) {
    int[] conditional = conditionalToTarget(usable, remaining, target);
    List<PlanStep> steps = new ArrayList<>(remaining[from]);
    int at = from;
    while (at != target) {
      RouteEdge best = null;
      for (RouteEdge e : usable.outgoingEdgesOf(at)) {
        if (remaining[e.to] == remaining[at] - 1 && conditional[e.to] + cost(e) == conditional[at]
            && (best == null || e.to > best.to)) {
          best = e;
        }
      }
      Objects.requireNonNull(best, "a release on a best plan has a next update");
      Hop hop = SafePathPlanner.hop(plan.union, best);
      String channel = plan.channelFor(hop.from(), hop.to()).channel().name();
      steps.add(new PlanStep(channel, hop.from(), hop.to(), hop.kind(), hop.risks(), route == PlanRoute.STANDARD));
      at = best.to;
    }
    return steps;
  }

  /**
   * The fewest conditional updates from each release to the target among its paths with the fewest
   * updates ({@code remaining}); releases taken in order of {@code remaining}, O(N + E).
   */
  private static int[] conditionalToTarget(Graph<Integer, RouteEdge> usable, int[] remaining, int target) {
    int n = remaining.length;
    int[] conditional = new int[n];
    Arrays.fill(conditional, Integer.MAX_VALUE);
    Integer[] order = new Integer[n];
    int count = 0;
    for (int v = 0; v < n; v++) {
      if (remaining[v] >= 0) {
        order[count++] = v;
      }
    }
    Arrays.sort(order, 0, count, (a, b) -> Integer.compare(remaining[a], remaining[b]));
    conditional[target] = 0;
    for (int i = 0; i < count; i++) {
      int v = order[i];
      if (v == target) {
        continue;
      }
      for (RouteEdge e : usable.outgoingEdgesOf(v)) {
        if (remaining[e.to] == remaining[v] - 1 && conditional[e.to] != Integer.MAX_VALUE) {
          conditional[v] = Math.min(conditional[v], conditional[e.to] + cost(e));
        }
      }
    }
    return conditional;
  }

  private static int cost(RouteEdge e) {
    return e.kind == RouteEdge.Kind.CONDITIONAL ? 1 : 0;
  }

  /** The newest release of the target's minor, newer than it, reachable from {@code from} without any risk. */
  private static Optional<UpdatePlan.NewerRelease> newerWithoutRisk(ChannelRoutes routes, int from, int target) {
    String minor = PlanCommands.minor(routes.version(target));
    BitSet reachable = SafePathPlanner.reachableFrom(routes.unconditional, from);
    for (int v = reachable.length() - 1; v > target; v = reachable.previousSetBit(v - 1)) {
      if (PlanCommands.minor(routes.version(v)).equals(minor)) {
        int[] hops = Bfs.hops(routes.unconditional, from, routes.nodes.size(), false, v);
        return Optional.of(new UpdatePlan.NewerRelease(routes.version(v), hops[v]));
      }
    }
    return Optional.empty();
  }

  /** The index of {@code version} in the plan's union, or why there is none. */
  private int node(PlanRoutes plan, String parameter, String version) throws PathQueryException {
    Optional<Integer> i = plan.union.index(version);
    if (i.isPresent()) {
      return i.get();
    }
    String arch = plan.union.arch;
    Optional<Release> release = index.snapshot().archGraph(arch).flatMap(g -> g.release(version)).filter(r -> !r.isAbstract());
    if (release.isEmpty()) {
      throw new PathQueryException(PathQueryException.Kind.UNKNOWN_VERSION, parameter, version,
          parameter + " version " + version + " has no " + arch + " release");
    }
    List<String> elsewhere = index.channelsWith(version, arch);
    throw new PathQueryException(PathQueryException.Kind.VERSION_NOT_IN_CHANNEL, parameter, version,
        parameter + " version " + version + " is in no " + familyNames(plan) + " channel on " + arch
            + (elsewhere.isEmpty() ? "" : "; it is in " + PathIndex.shortList(elsewhere, 8) + " (add their family to channels)"));
  }

  private static String familyNames(PlanRoutes plan) {
    return String.join("/", plan.families.stream().map(ChannelFamily::wireName).toList());
  }
}
