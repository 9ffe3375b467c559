package io.covington.graph.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.TestFiles;
import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.validate.Finding;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The risk check against the real promtool: it must be installed (.ci/install-deps.sh), the tests fail without it. */
class RiskCheckTest {

  private static Promtool promtool() {
    return Promtool.onPath()
        .orElseThrow(() -> new AssertionError("promtool is not on the PATH: install Debian's prometheus package"
            + " (.ci/install-deps.sh does); the risk check tests need a real Prometheus query engine"));
  }

  @Test
  void everyRiskOfTheRealGraphDataCanBeEvaluated() throws Exception {
    GraphData real = GraphDataReader.read(BundledData.directory("openshift/graph-data"));
    assertThat(real.blockedEdges()).hasSize(1717);

    RiskCheck.Result result = RiskCheck.run(real, promtool());

    assertThat(result.findings()).isEmpty();
    assertThat(result.rules()).isEqualTo(64);
    assertThat(result.clusters()).isEqualTo(8);
  }

  @Test
  void everyRiskOfTheBundledDataCanBeEvaluated() throws Exception {
    RiskCheck.Result result = RiskCheck.run(BundledData.graphData(), promtool());

    assertThat(result.findings()).isEmpty();
    assertThat(result.rules()).isEqualTo(65);
  }

  @Test
  void everyRiskOfTheGraphBuilderFixtureCanBeEvaluated() throws Exception {
    GraphData fixture = GraphDataReader.read(TestFiles.corpus("graph-builder-fixture-20211124/cincinnati-graph-data"));

    RiskCheck.Result result = RiskCheck.run(fixture, promtool());

    assertThat(result.rules()).isPositive();
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void refusesTheOldOkdRuleWithFileRiskAndSampleCount() throws Exception {
    Path dir = resource("okd-before-fix");

    RiskCheck.Result result = RiskCheck.run(GraphDataReader.read(dir), promtool());

    assertThat(result.findings()).hasSize(1);
    Finding f = result.findings().get(0);
    assertThat(f.isError()).isTrue();
    assertThat(f.problem().kind()).isEqualTo(RiskCheck.KIND);
    assertThat(f.problem().source()).endsWith("blocked-edges/okd-fcos-to-scos-pivot.yaml");
    assertThat(f.problem().message())
        .startsWith("risk OKDSCOSPivotExt4OrphanFile: the PromQL rule gives ")
        .contains("3 samples ({node=\"okd-node-1\"} 1, {node=\"okd-node-2\"} 1, {node=\"okd-node-3\"} 1) on the okd, 3 nodes cluster")
        .contains("0 samples on the absent, 1 node cluster")
        .endsWith("(the cluster-version-operator needs exactly one sample whose value is 0 or 1)");
  }

  @Test
  void refusesTheRulesGraphDataShippedAndFixedTheNextDay() throws Exception {
    RiskCheck.Result broken = RiskCheck.run(GraphDataReader.read(resource("history-broken")), promtool());

    assertThat(broken.findings()).extracting(f -> Path.of(f.problem().source()).getFileName() + " " + f.problem().kind())
        .containsExactly("4.10.10-parallel-ceph_fsync-multiple-series.yaml risk_not_evaluable",
            "4.10.10-parallel-ceph_fsync.yaml risk_not_evaluable", "4.13.25-AROBrokenDNSMasq.yaml risk_not_evaluable");
    assertThat(broken.findings().get(2).problem().message()).startsWith("risk AROBrokenDNSMasq: the PromQL rule gives 4 samples (")
        .contains("{name=\"aro\", type=\"Azure\"} 1");

    assertThat(RiskCheck.run(GraphDataReader.read(resource("history-fixed")), promtool()).findings()).isEmpty();
  }

  @Test
  void theFixedOkdRuleIsOneOnOkdWithExt4BesidesBootAndZeroElsewhere() throws Exception {
    GraphData okd = GraphDataReader.read(BundledData.directory("okd/graph-data"));
    List<RiskRule> rules = RiskRule.of(okd);
    List<SyntheticCluster> clusters = SyntheticCluster.standard();
    assertThat(rules).singleElement().satisfies(r -> assertThat(r.uses()).extracting(RiskRule.Use::risk)
        .containsExactly("OKDSCOSPivotExt4OrphanFile"));

    Map<String, Evaluation> evaluations = RiskCheck.evaluate(rules, clusters, promtool());

    for (int c = 0; c < clusters.size(); c++) {
      Evaluation e = evaluations.get(RiskCheck.evalId(0, c));
      double expected = clusters.get(c).name().startsWith("okd,") ? 1 : 0;
      assertThat(e.samples()).as(clusters.get(c).name()).singleElement()
          .satisfies(s -> assertThat(s.value()).isEqualTo(expected));
    }
  }

  @Test
  void namesAParseErrorWithItsFile(@TempDir Path tmp) throws Exception {
    RiskCheck.Result result = check(tmp, "group(cluster_infrastructure_provider{type=\"AWS\"}");

    assertThat(result.findings()).singleElement().satisfies(f -> assertThat(f.toString())
        .contains("blocked-edges/4.14.1-Broken.yaml: risk_not_evaluable: risk Broken: the PromQL rule does not parse: ")
        .contains("unclosed left parenthesis"));
  }

  @Test
  void refusesAScalarAValueOtherThanZeroOrOneAndARangeVector(@TempDir Path tmp) throws Exception {
    assertThat(check(tmp.resolve("a"), "1").findings()).singleElement()
        .satisfies(f -> assertThat(f.problem().message()).contains("a result that is not an instant vector"));
    assertThat(check(tmp.resolve("b"), "group(cluster_version) * 2").findings()).singleElement()
        .satisfies(f -> assertThat(f.problem().message()).contains("1 sample ({} 2) on the openshift, 1 node cluster"));
    assertThat(check(tmp.resolve("c"), "cluster_version[1h]").findings()).singleElement()
        .satisfies(f -> assertThat(f.problem().message())
            .isEqualTo("risk Broken: the PromQL rule cannot be evaluated: rule result is not a vector or scalar"));
  }

  @Test
  void acceptsARuleThatReducesToOneSeriesOnEveryCluster(@TempDir Path tmp) throws Exception {
    RiskCheck.Result result = check(tmp, "group(kube_node_labels{label_node_openshift_io_os_id=\"rhel\"})\n"
        + "or\n0 * group(kube_node_labels)");

    assertThat(result.findings()).isEmpty();
    assertThat(result.rules()).isEqualTo(1);
  }

  @Test
  void evaluatesEachDistinctQueryOnceAndReportsEveryFileUsingIt(@TempDir Path tmp) throws Exception {
    Path dir = TestFiles.graphData(tmp);
    String rule = "group by (node) (kube_node_labels)";
    for (String to : List.of("4.14.1", "4.14.2")) {
      TestFiles.write(dir, "blocked-edges/" + to + "-PerNode.yaml", block(to, "PerNode", rule));
    }

    RiskCheck.Result result = RiskCheck.run(GraphDataReader.read(dir), promtool());

    assertThat(result.rules()).isEqualTo(1);
    assertThat(result.findings()).extracting(f -> Path.of(f.problem().source()).getFileName().toString())
        .containsExactly("4.14.1-PerNode.yaml", "4.14.2-PerNode.yaml");
  }

  @Test
  void aMissingOrNonExecutableBinaryIsNamed(@TempDir Path tmp) throws Exception {
    Path missing = tmp.resolve("promtool");
    assertThatThrownBy(() -> Promtool.at(missing)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(missing + " is not a file; give the path of promtool (Debian package prometheus)");
    Files.writeString(missing, "#!/bin/sh\n");
    assertThat(Promtool.onPath(tmp.toString())).isEmpty();
    assertThatThrownBy(() -> Promtool.at(missing)).hasMessageContaining("is not executable");
  }

  @Test
  void aBinaryThatIsNotPromtoolIsReported(@TempDir Path tmp) throws Exception {
    Path fake = TestFiles.write(tmp, "promtool", "#!/bin/sh\necho 'usage: something else'\nexit 0\n");
    assertThat(fake.toFile().setExecutable(true)).isTrue();
    Path dir = TestFiles.graphData(tmp.resolve("gd"));
    TestFiles.write(dir, "blocked-edges/4.14.1-X.yaml", block("4.14.1", "X", "group(up)"));

    assertThatThrownBy(() -> RiskCheck.run(GraphDataReader.read(dir), Promtool.at(fake)))
        .isInstanceOf(PromtoolException.class)
        .hasMessageContaining("did not evaluate the control expression on the openshift, 1 node cluster")
        .hasMessageContaining("usage: something else");
  }

  @Test
  void aBinaryThatHangsIsStoppedAndReported(@TempDir Path tmp) throws Exception {
    Path hanging = TestFiles.write(tmp, "promtool", "#!/bin/sh\nexec sleep 60\n");
    assertThat(hanging.toFile().setExecutable(true)).isTrue();
    Path dir = TestFiles.graphData(tmp.resolve("gd"));
    TestFiles.write(dir, "blocked-edges/4.14.1-X.yaml", block("4.14.1", "X", "group(up)"));

    long start = System.nanoTime();
    assertThatThrownBy(() -> RiskCheck.run(GraphDataReader.read(dir), Promtool.at(hanging).withTimeout(Duration.ofSeconds(1))))
        .isInstanceOf(PromtoolException.class)
        .hasMessage(hanging + " test rules did not finish within 1 s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aClusterPromtoolRefusesIsReportedNotReadAsNoSamples() throws Exception {
    SyntheticCluster broken = new SyntheticCluster("broken", List.of("up{job=\"a\",} 1x120", "up{job=\"a\"1} 1x120"));
    List<RiskRule> rules = List.of(new RiskRule("group(up)", List.of(new RiskRule.Use("x.yaml", "X"))));

    assertThatThrownBy(() -> RiskCheck.run(rules, List.of(SyntheticCluster.standard().get(0), broken), promtool()))
        .isInstanceOf(PromtoolException.class)
        .hasMessageContaining("did not evaluate the control expression on the broken cluster")
        .hasMessageContaining("parse error");
  }

  private static RiskCheck.Result check(Path tmp, String rule) throws Exception {
    Path dir = TestFiles.graphData(tmp);
    String name = "Broken";
    TestFiles.write(dir, "blocked-edges/4.14.1-" + name + ".yaml", block("4.14.1", name, rule));
    return RiskCheck.run(GraphDataReader.read(dir), promtool());
  }

  private static String block(String to, String name, String rule) {
    return "to: " + to + "\nfrom: 4[.]13[.].*\nurl: https://issues.redhat.com/browse/OCPBUGS-1\nname: " + name
        + "\nmessage: Test risk.\nmatchingRules:\n- type: PromQL\n  promql:\n    promql: |\n"
        + rule.lines().map(l -> "      " + l + "\n").reduce("", String::concat);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(RiskCheckTest.class.getResource(name + "/version").toURI()).getParent();
  }
}
