package io.covington.policy.path;

import io.covington.graph.model.Risk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code oc} commands that carry out a plan's steps: switch channel when the next update is
 * served by another channel, update (with {@code --allow-not-recommended} only where the update is
 * conditional, its risks accepted), and on the EUS route pause the worker pools before
 * the first update and unpause them after the last.
 */
final class PlanCommands {

  static final String PAUSE_WORKERS = "oc patch mcp/worker --type merge --patch '{\"spec\":{\"paused\":true}}'";
  static final String UNPAUSE_WORKERS = "oc patch mcp/worker --type merge --patch '{\"spec\":{\"paused\":false}}'";
  static final String ADMIN_GATES = "oc -n openshift-config-managed get configmap admin-gates -o jsonpath='{.data}'";

  /** No command waits reliably for an update to finish, so the purpose says to. */
  private static final String WAIT = "; wait until oc adm upgrade reports it completed before the next command";

  private PlanCommands() {}

  static List<PlanCommand> of(PlanRoute route, List<PlanStep> steps) {
    List<PlanCommand> commands = new ArrayList<>();
    if (steps.isEmpty()) {
      return List.of();
    }
    if (route == PlanRoute.EUS) {
      commands.add(new PlanCommand("Pause the worker pool (and every custom pool) so that workers stay on "
          + steps.get(0).from() + " while the control plane goes through the odd minor", PAUSE_WORKERS));
    }
    String channel = "";
    Set<String> minorsChecked = new HashSet<>();
    for (PlanStep step : steps) {
      if (!step.channel().equals(channel)) {
        channel = step.channel();
        commands.add(new PlanCommand("Switch to " + channel + ", which serves " + step.from() + " → " + step.to(),
            "oc adm upgrade channel " + channel));
      }
      String minor = minor(step.to());
      if (!minor(step.from()).equals(minor) && minorsChecked.add(minor)) {
        commands.add(new PlanCommand("Before updating to " + minor + ": list the admin acknowledgements the cluster asks for"
            + " and grant each in openshift-config/admin-acks (neither graph-data nor release metadata names them)", ADMIN_GATES));
      }
      if (step.kind() == HopKind.CONDITIONAL) {
        commands.add(new PlanCommand("Update to " + step.to() + ", conditional on the accepted risks "
            + step.risks().stream().map(Risk::name).collect(Collectors.joining(", ")) + WAIT,
            "oc adm upgrade --to " + step.to() + " --allow-not-recommended"));
      } else {
        commands.add(new PlanCommand("Update to " + step.to() + WAIT, "oc adm upgrade --to " + step.to()));
      }
    }
    if (route == PlanRoute.EUS) {
      commands.add(new PlanCommand("Unpause the worker pool (and every custom pool): workers update once, "
          + steps.get(0).from() + " → " + steps.get(steps.size() - 1).to(), UNPAUSE_WORKERS));
    }
    return List.copyOf(commands);
  }

  /** {@code 4.16} of {@code 4.16.3}. */
  static String minor(String version) {
    int first = version.indexOf('.');
    int second = first < 0 ? -1 : version.indexOf('.', first + 1);
    return second < 0 ? version : version.substring(0, second);
  }
}
