package io.covington.server.cli;

import io.covington.policy.path.AcceptedRisks;
import io.covington.policy.path.ChannelFamily;
import io.covington.policy.path.PathIndex;
import io.covington.policy.path.PathQueryException;
import io.covington.policy.path.PlanRequest;
import io.covington.policy.path.PlanRoute;
import io.covington.policy.path.PlanStep;
import io.covington.policy.path.UpdatePlan;
import io.covington.policy.path.UpdatePlanner;
import io.covington.server.path.PlanJson;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code covington plan}: the whole update across channels, with the {@code oc} commands, as {@code /v1/plan} answers it. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Plan a whole OpenShift update across channels: for each update the channel to be in, whether it is"
        + " conditional, and the oc commands to run; fewest updates, then fewest conditional ones, then the newest releases.")
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin PathCommands.DataOptions data;

  @Option(names = "--from", required = true, paramLabel = "VERSION", description = "The version the cluster runs.")
  String from;

  @Option(names = "--to", paramLabel = "VERSION_OR_MINOR",
      description = "The version to reach, or a minor such as 4.16 for its newest reachable release (default: the newest reachable).")
  String to;

  @Option(names = "--arch", defaultValue = "amd64", paramLabel = "ARCH", description = "Architecture (default: ${DEFAULT-VALUE}).")
  String arch;

  @Option(names = "--channels", paramLabel = "FAMILIES",
      description = "Channel families the cluster may switch between, comma-separated, in order of preference: stable, fast,"
          + " eus, candidate (default: stable).")
  String channels;

  @Option(names = "--route", paramLabel = "ROUTE",
      description = "standard (default), or eus: even minor to the next even minor with the worker pools paused.")
  String route;

  @Option(names = "--accept-risks", paramLabel = "NAMES", description = "Risks accepted: comma-separated names, or all.")
  String acceptRisks;

  @Option(names = "--json", description = "Print the JSON the HTTP API answers instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    UpdatePlan plan;
    try {
      PlanRequest request = new PlanRequest(arch, from, Optional.ofNullable(to), ChannelFamily.parseList(channels),
          PlanRoute.parse(route), AcceptedRisks.parse(acceptRisks));
      plan = new UpdatePlanner(PathIndex.of(data.load())).plan(request);
    } catch (PathQueryException e) {
      return PathCommands.refused(spec, e.kind().wireName(), e.getMessage());
    } catch (QueryRefused e) {
      return PathCommands.refused(spec, e.kind(), e.getMessage());
    }
    if (json) {
      out.println(new String(PlanJson.plan(plan), StandardCharsets.UTF_8));
    } else {
      print(out, plan);
    }
    out.flush();
    return plan.reachable() ? 0 : 1;
  }

  private static void print(PrintWriter out, UpdatePlan plan) {
    out.printf("%s: %s -> %s over the %s channels (%s route): %s%n", plan.arch(), plan.from(), plan.target(),
        String.join(",", plan.families().stream().map(ChannelFamily::wireName).toList()), plan.route().wireName(),
        plan.reachable() ? PathCommands.plural(plan.steps().size(), "update") : "not reachable");
    if (!plan.steps().isEmpty()) {
      PathCommands.Table table = new PathCommands.Table("#", "CHANNEL", "FROM", "TO", "KIND", "RISKS", "WORKERS");
      int i = 1;
      for (PlanStep step : plan.steps()) {
        table.row(Integer.toString(i++), step.channel(), step.from(), step.to(), step.kind().wireName(),
            PathCommands.names(step.risks()), step.workersFollow() ? "follow" : "paused");
      }
      table.print(out);
      out.println("Worker pools run: " + String.join(" -> ", plan.workerVersions()));
      out.println("Commands:");
      plan.commands().forEach(c -> {
        out.println("  # " + c.purpose());
        out.println("  " + c.command());
      });
    }
    plan.cut().ifPresent(cut -> PathCommands.printCut(out, cut));
    plan.newerWithoutRisk().ifPresent(n -> out.printf("Note: the newer %s is reachable in %s without accepting any risk.%n",
        n.version(), PathCommands.plural(n.updates(), "update")));
  }
}
