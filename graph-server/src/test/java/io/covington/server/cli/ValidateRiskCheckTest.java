package io.covington.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.graph.TestFiles;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.risk.Promtool;
import io.covington.graph.validate.Finding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code covington validate}'s risk check with the real promtool (it must be installed: .ci/install-deps.sh). */
class ValidateRiskCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int validate(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "validate";
    System.arraycopy(args, 0, all, 1, args.length);
    return new CommandLine(new CovingtonCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(all);
  }

  private static Path promtool() {
    return Promtool.onPath().orElseThrow(() -> new AssertionError("promtool is not on the PATH:"
        + " install Debian's prometheus package (.ci/install-deps.sh does)")).binary();
  }

  private static Path realGraphData() {
    return Path.of("../graph-data/src/main/resources/io/covington/graph/bundled/openshift/graph-data").toAbsolutePath().normalize();
  }

  /** A graph-data tree with one risk whose rule gives one sample per node. */
  private Path perNodeRisk() {
    Path gd = TestFiles.graphData(dir.resolve("graph-data"));
    TestFiles.write(gd, "channels/candidate-4.14.yaml", "name: candidate-4.14\nversions:\n- 4.13.40\n- 4.14.1\n");
    TestFiles.write(gd, "blocked-edges/4.14.1-PerNode.yaml", "to: 4.14.1\nfrom: 4[.]13[.].*\n"
        + "url: https://issues.redhat.com/browse/OCPBUGS-1\nname: PerNode\nmessage: One sample per node.\n"
        + "matchingRules:\n- type: PromQL\n  promql:\n    promql: group by (node) (kube_node_labels)\n");
    return gd;
  }

  @Test
  void runsOnTheRealGraphDataWithPromtoolFromThePathAndSaysSo() {
    int status = validate("--graph-data", realGraphData().toString());

    assertThat(status).as(out.toString()).isZero();
    assertThat(out.toString()).startsWith("risk check: 64 distinct PromQL rule(s) evaluated with " + promtool()
        + " on 8 synthetic clusters\n");
    assertThat(out.toString()).doesNotContain("risk_check");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aRuleGivingOneSamplePerNodeFailsInTheJsonReport() throws Exception {
    int status = validate("--graph-data", perNodeRisk().toString(), "--json", "--promtool", promtool().toString());

    assertThat(status).isEqualTo(1);
    JsonNode report = JSON.readTree(out.toString());
    assertThat(report.path("errors").asInt()).as(out.toString()).isEqualTo(1);
    JsonNode finding = report.path("findings").get(0);
    assertThat(finding.path("severity").asText()).isEqualTo("error");
    assertThat(finding.path("file").asText()).isEqualTo("blocked-edges/4.14.1-PerNode.yaml");
    assertThat(finding.path("kind").asText()).isEqualTo("risk_not_evaluable");
    assertThat(finding.path("message").asText())
        .startsWith("risk PerNode: the PromQL rule gives ")
        .contains("3 samples ({node=\"openshift-node-1\"} 1, {node=\"openshift-node-2\"} 1, {node=\"openshift-node-3\"} 1)"
            + " on the openshift, 3 nodes cluster");
  }

  @Test
  void noneSkipsTheCheckWithAWarning() {
    int status = validate("--graph-data", perNodeRisk().toString(), "--promtool", "none");

    assertThat(status).as(out.toString()).isZero();
    assertThat(out.toString()).contains(
        "warning: promtool: risk_check_skipped: risk check skipped (--promtool none): PromQL rules were not evaluated");
    assertThat(out.toString()).doesNotContain("risk check:");
  }

  @Test
  void withoutPromtoolOnThePathTheCheckIsReportedAsSkipped() throws Exception {
    GraphData data = GraphDataReader.read(perNodeRisk());
    CommandLine cmd = new CommandLine(new CovingtonCommand());

    List<Finding> findings = ValidateRiskCheck.with(List.of(), data, null, false, dir.toString(), cmd);

    assertThat(findings).singleElement().hasToString("warning: promtool: risk_check_skipped: risk check skipped:"
        + " promtool is not on the PATH; install it (Debian/Ubuntu package prometheus) or pass --promtool PATH"
        + " to evaluate every PromQL rule as a cluster would");
  }

  @Test
  void aMissingBinaryIsAUsageErrorNamingIt() {
    Path missing = dir.resolve("bin/promtool");

    int status = validate("--graph-data", perNodeRisk().toString(), "--promtool", missing.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).startsWith("--promtool " + missing + ": " + missing
        + " is not a file; give the path of promtool (Debian package prometheus), or --promtool none to skip the risk check");
  }
}
