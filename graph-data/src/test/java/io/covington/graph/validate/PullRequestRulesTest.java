package io.covington.graph.validate;

import static io.covington.graph.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.MemoryTempDir;
import io.covington.graph.TestFiles;
import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.snapshot.GraphSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule of graph-data's own CI (hack/validate-blocked-edges.py, graph-data.rs) on a small
 * tree that breaks it once: an error of validate naming the file and line, and no reason to
 * refuse a reload (the reference serves such data).
 */
class PullRequestRulesTest {

  @TempDir(factory = MemoryTempDir.class) Path dir;

  @BeforeEach
  void aValidTree() {
    TestFiles.graphData(dir);
    write(dir, "channels/candidate-4.16.yaml", "name: candidate-4.16\nversions:\n- 4.16.1\n- 4.16.2\n- 4.16.3\n");
    write(dir, "channels/fast-4.16.yaml", "name: fast-4.16\nversions:\n- 4.16.1\n- 4.16.2\n");
    write(dir, "channels/stable-4.16.yaml", "name: stable-4.16\nversions:\n- 4.16.1\n");
    write(dir, "blocked-edges/4.16.2-GoodRisk.yaml", risk("4.16.2", "GoodRisk", "https://issues.redhat.com/browse/OCPBUGS-1"));
  }

  private static String risk(String to, String name, String url) {
    return "to: " + to + "\nfrom: 4\\.16\\.1\nurl: " + url + "\nname: " + name + "\nmessage: It breaks.\nmatchingRules:\n- type: Always\n";
  }

  private List<Finding> findings() throws InvalidInputException {
    return GraphDataValidator.validate(GraphDataReader.read(dir), Optional.empty());
  }

  /** The one error of the tree, which must not keep a reload back. */
  private Finding theError() throws InvalidInputException {
    GraphData data = GraphDataReader.read(dir);
    List<Finding> errors = GraphDataValidator.validate(data, Optional.empty()).stream().filter(Finding::isError).toList();
    assertThat(errors).hasSize(1);
    assertThat(GraphDataValidator.publicationErrors(data)).isEmpty();
    assertThat(ReloadAcceptance.rejections(data, BundledData.releases(), GraphSnapshot.build(BundledData.releases(), data), false))
        .isEmpty();
    return errors.get(0);
  }

  @Test
  void theValidTreePasses() throws InvalidInputException {
    assertThat(findings()).noneMatch(Finding::isError);
  }

  @Test
  void aPlainHttpRiskUrlIsAnError() throws InvalidInputException {
    write(dir, "blocked-edges/4.16.3-Plain.yaml", risk("4.16.3", "Plain", "http://issues.redhat.com/browse/OCPBUGS-2"));

    Finding f = theError();

    assertThat(f.problem().kind()).isEqualTo("invalid_risk_url");
    assertThat(f.problem().source()).endsWith("blocked-edges/4.16.3-Plain.yaml");
    assertThat(f.problem().line()).hasValue(3);
    assertThat(f.problem().message()).contains("http://issues.redhat.com").contains("https://");
  }

  @Test
  void anUnparseableOrHostlessRiskUrlIsAnError() throws InvalidInputException {
    write(dir, "blocked-edges/4.16.3-Spaces.yaml", risk("4.16.3", "Spaces", "https://issues.redhat.com/a b"));

    assertThat(theError().problem().message()).contains("is not a valid URL");

    write(dir, "blocked-edges/4.16.3-Spaces.yaml", risk("4.16.3", "Spaces", "https:///path"));

    assertThat(theError().problem().message()).contains("has no host");
  }

  @Test
  void aRiskNameWithSpacesIsAnError() throws InvalidInputException {
    write(dir, "blocked-edges/4.16.3-bad-name.yaml", risk("4.16.3", "Bad name here", "https://example.com/1"));

    Finding f = theError();

    assertThat(f.problem().kind()).isEqualTo("invalid_risk_name");
    assertThat(f.problem().line()).hasValue(4);
    assertThat(f.problem().message()).contains("'Bad name here'").contains("^[A-Z][A-Za-z0-9_]*$").contains("BadNameHere");
  }

  @Test
  void twoRulesOfOneTypeAreAnError() throws InvalidInputException {
    write(dir, "blocked-edges/4.16.3-Twice.yaml", "to: 4.16.3\nfrom: 4\\.16\\.1\nurl: https://example.com/1\nname: Twice\n"
        + "message: m\nmatchingRules:\n- type: PromQL\n  promql:\n    promql: group(up)\n- type: PromQL\n  promql:\n    promql: max(up)\n");

    Finding f = theError();

    assertThat(f.problem().kind()).isEqualTo("duplicate_rule_type");
    assertThat(f.problem().line()).hasValue(10);
    assertThat(f.problem().message()).contains("matchingRules[1]").contains("PromQL");
  }

  @Test
  void unknownKeysInAPromQlRuleAreAnError() throws InvalidInputException {
    write(dir, "blocked-edges/4.16.3-Extra.yaml", "to: 4.16.3\nfrom: 4\\.16\\.1\nurl: https://example.com/1\nname: Extra\n"
        + "message: m\nmatchingRules:\n- type: PromQL\n  promql:\n    promql: group(up)\n    timeout: 5s\n");

    Finding f = theError();

    assertThat(f.problem().kind()).isEqualTo("unknown_key");
    assertThat(f.problem().line()).hasValue(10);
    assertThat(f.problem().message()).contains("'promql.timeout'").contains("matchingRules[0]");
  }

  @Test
  void unknownKeysInAnAlwaysRuleAreAnError() throws InvalidInputException {
    write(dir, "blocked-edges/4.16.3-Extra.yaml", risk("4.16.3", "Extra", "https://example.com/1") + "  promql:\n    promql: up\n");

    assertThat(theError().problem().message()).contains("'promql'").contains("of type Always");
  }

  @Test
  void anUnknownTopLevelKeyIsAnError() throws InvalidInputException {
    write(dir, "blocked-edges/4.16.3.yaml", "to: 4.16.3\nfrom: 4\\.16\\.1\nfixedin: 4.16.4\n");

    Finding f = theError();

    assertThat(f.problem().kind()).isEqualTo("unknown_key");
    assertThat(f.problem().line()).hasValue(3);
    assertThat(f.problem().message()).contains("'fixedin'").contains("fixedIn");
  }

  @Test
  void riskFieldsWithoutRulesAreAnError() throws InvalidInputException {
    write(dir, "blocked-edges/4.16.3.yaml", "to: 4.16.3\nfrom: 4\\.16\\.1\nurl: https://example.com/1\n");

    Finding f = theError();

    assertThat(f.problem().kind()).isEqualTo("risk_fields_without_rules");
    assertThat(f.problem().message()).contains("url").contains("ignores the file");
  }

  @Test
  void aRiskInAFileNotNamedAfterItsTargetIsAnError() throws InvalidInputException {
    write(dir, "blocked-edges/4.16.2-Late.yaml", risk("4.16.3", "Late", "https://example.com/1"));

    Finding f = theError();

    assertThat(f.problem().kind()).isEqualTo("misnamed_risk_file");
    assertThat(f.problem().message()).contains("4.16.3-Late.yaml");
  }

  @Test
  void aVersionListedTwiceInAChannelIsAnErrorNamingTheLine() throws InvalidInputException {
    write(dir, "channels/candidate-4.16.yaml", "name: candidate-4.16\nversions:\n- 4.16.1\n- 4.16.2\n- 4.16.1\n- 4.16.3\n");

    Finding f = theError();

    assertThat(f.problem().kind()).isEqualTo("duplicate_version");
    assertThat(f.problem().source()).endsWith("channels/candidate-4.16.yaml");
    assertThat(f.problem().line()).hasValue(5);
    assertThat(f.problem().message()).contains("4.16.1");
  }

  @Test
  void aStableReleaseNotInFastIsAnError() throws InvalidInputException {
    write(dir, "channels/stable-4.16.yaml", "name: stable-4.16\nversions:\n- 4.16.1\n- 4.16.2+amd64\n- 4.16.3\n");

    Finding f = theError();

    assertThat(f.problem().kind()).isEqualTo("channel_order");
    assertThat(f.problem().source()).isEqualTo("channels/stable-4.16.yaml");
    // 4.16.2+amd64 is 4.16.2 for the CI's SemVer comparison, which fast-4.16 has.
    assertThat(f.problem().message()).contains("1 release(s) of stable-4.16 are not in fast-4.16: 4.16.3;");
  }

  @Test
  void aFastReleaseNotInCandidateIsAnError() throws InvalidInputException {
    write(dir, "channels/fast-4.16.yaml", "name: fast-4.16\nversions:\n- 4.16.1\n- 4.16.2\n- 4.16.4\n");

    assertThat(theError().problem().message()).contains("of fast-4.16 are not in candidate-4.16: 4.16.4;");
  }

  @Test
  void aStableChannelWithoutItsFastChannelIsAnError() throws InvalidInputException {
    write(dir, "channels/stable-4.17.yaml", "name: stable-4.17\nversions: []\n");

    assertThat(theError().problem().message()).contains("stable-4.17 exists but fast-4.17 does not");
  }

  @Test
  void theOrderSkips41AndEusAndOkdChannels() throws InvalidInputException {
    write(dir, "channels/stable-4.1.yaml", "name: stable-4.1\nversions:\n- 4.1.0\n");
    write(dir, "channels/eus-4.16.yaml", "name: eus-4.16\nversions:\n- 4.16.9\n");
    write(dir, "channels/stable-4.yaml", "name: stable-4\nversions:\n- 4.15.0-0.okd-2024-03-10-010116\n");
    write(dir, "channels/stable-scos-4.yaml", "name: stable-scos-4\nversions:\n- 4.16.0-okd-scos.0\n");

    assertThat(findings()).noneMatch(Finding::isError);
  }

  @Test
  void aFileThatIsNotReadIsAnError() throws InvalidInputException {
    write(dir, "blocked-edges/4.16.3-Typo.yml", risk("4.16.3", "Typo", "https://example.com/1"));

    Finding f = theError();

    assertThat(f.problem().kind()).isEqualTo("ignored_file");
    assertThat(f.problem().message()).contains("*.yaml");
  }

  @Test
  void differingDefinitionsOfOneRiskAreOnlyAWarning() throws InvalidInputException {
    write(dir, "blocked-edges/4.16.3-GoodRisk.yaml", risk("4.16.3", "GoodRisk", "https://issues.redhat.com/browse/OCPBUGS-1")
        .replace("It breaks.", "It breaks on ARO."));

    List<Finding> findings = findings();

    assertThat(findings).noneMatch(Finding::isError).singleElement().satisfies(f -> {
      assertThat(f.problem().kind()).isEqualTo("inconsistent_risk");
      assertThat(f.problem().message()).contains("GoodRisk").contains("message").contains("blocked-edges/4.16.2-GoodRisk.yaml");
    });
  }

  @Test
  void theRealGraphDataBreaksNoRule() throws InvalidInputException {
    for (String tree : List.of("openshift/graph-data", "okd/graph-data")) {
      List<Finding> findings = GraphDataValidator.validate(GraphDataReader.read(BundledData.directory(tree)), Optional.empty());

      assertThat(findings).as(tree).noneMatch(Finding::isError);
    }
  }
}
