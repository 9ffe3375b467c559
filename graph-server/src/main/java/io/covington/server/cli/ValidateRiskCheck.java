package io.covington.server.cli;

import io.covington.graph.input.GraphData;
import io.covington.graph.risk.Promtool;
import io.covington.graph.risk.PromtoolException;
import io.covington.graph.risk.RiskCheck;
import io.covington.graph.validate.Finding;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The {@code validate} step that evaluates every PromQL risk rule with promtool ({@link
 * RiskCheck}); when it cannot run, a warning says so, so the check is never skipped silently.
 */
final class ValidateRiskCheck {

  /** The {@code --promtool} value that skips the check on purpose. */
  static final String NONE = "none";

  static final String SKIPPED = "risk_check_skipped";
  static final String FAILED = "risk_check_failed";

  private ValidateRiskCheck() {}

  /**
   * {@code findings} with the risk check's, errors first.
   *
   * @param option the {@code --promtool} value: a path, {@value #NONE}, or null to look on the PATH
   * @param json whether the report is JSON: without it, a line before the report says what was checked
   * @param cmd for usage errors and that line
   */
  static List<Finding> with(List<Finding> findings, GraphData data, String option, boolean json, CommandLine cmd) {
    return with(findings, data, option, json, System.getenv("PATH"), cmd);
  }

  static List<Finding> with(
      List<Finding> findings, GraphData data, String option, boolean json, String path, CommandLine cmd) {
    List<Finding> all = new ArrayList<>(findings);
    all.addAll(check(data, option, json, path, cmd));
    all.sort(Comparator.comparing(f -> !f.isError()));
    return all;
  }

  private static List<Finding> check(GraphData data, String option, boolean json, String path, CommandLine cmd) {
    if (NONE.equals(option)) {
      return List.of(Finding.warning(Promtool.NAME, SKIPPED,
          "risk check skipped (--promtool none): PromQL rules were not evaluated"));
    }
    Optional<Promtool> promtool;
    if (option == null) {
      promtool = Promtool.onPath(path);
      if (promtool.isEmpty()) {
        return List.of(Finding.warning(Promtool.NAME, SKIPPED, "risk check skipped: promtool is not on the PATH;"
            + " install it (Debian/Ubuntu package prometheus) or pass --promtool PATH to evaluate every PromQL rule"
            + " as a cluster would"));
      }
    } else {
      try {
        promtool = Optional.of(Promtool.at(Path.of(option)));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(cmd, "--promtool " + option + ": " + e.getMessage() + ", or --promtool none to skip the risk check");
      }
    }
    try {
      RiskCheck.Result result = RiskCheck.run(data, promtool.get());
      if (!json) {
        PrintWriter out = cmd.getOut();
        out.printf("risk check: %d distinct PromQL rule(s) evaluated with %s on %d synthetic clusters%n",
            result.rules(), promtool.get(), result.clusters());
        out.flush();
      }
      return result.findings();
    } catch (PromtoolException e) {
      return List.of(Finding.error(promtool.get().toString(), FAILED, "risk check failed: " + e.getMessage()));
    }
  }
}
