package io.covington.graph.input;

import static io.covington.graph.TestFiles.graphData;
import static io.covington.graph.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.TestFiles;
import io.covington.graph.model.MatchingRule;
import io.covington.graph.model.Risk;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphDataReaderTest {

  @TempDir Path dir;

  private static final String GOOD_BLOCK = "to: 4.1.1\nfrom: 4\\.1\\.0\n";

  @Test
  void readsTheReferenceFixtureGraphData() throws InvalidInputException {
    GraphData data = GraphDataReader.read(TestFiles.corpus("graph-builder-fixture-20211124/cincinnati-graph-data"));

    assertThat(data.problems()).isEmpty();
    assertThat(data.layoutVersion()).isEqualTo("1.1.0");
    assertThat(data.channels()).hasSize(29).isSortedAccordingTo(Comparator.comparing(Channel::name));
    Channel candidate44 = data.channels().stream().filter(c -> c.name().equals("candidate-4.4")).findFirst().orElseThrow();
    assertThat(candidate44.versions()).contains("4.4.0", "4.4.18").doesNotHaveDuplicates().hasSizeGreaterThan(2);
    assertThat(data.blockedEdges()).hasSize(89);
    BlockedEdge leak = data.blockedEdges().stream().filter(b -> b.source().endsWith("4.7.4-auth-connection-leak.yaml")).findFirst().orElseThrow();
    assertThat(leak.to()).isEqualTo("4.7.4");
    assertThat(leak.from().pattern()).isEqualTo("4\\.6\\..*");
    assertThat(leak.risk()).contains(new Risk(
        "AuthOAuthProxyLeakedConnections",
        "https://bugzilla.redhat.com/show_bug.cgi?id=1941840#c33",
        "On clusters with a Proxy configured, the authentication operator may keep many oauth-server connections open, resulting in high memory consumption by the authentication operator and router pods.",
        List.of(MatchingRule.promql("max(cluster_proxy_enabled{type=~\"https?\"})"))));
    assertThat(data.blockedEdges().stream().filter(BlockedEdge::isConditional)).hasSize(3);
    assertThat(data.rawMetadata()).isNotEmpty();
  }

  @Test
  void invalidYamlIsReportedWithFileAndLineAndTheFileIsSkipped() throws InvalidInputException {
    graphData(dir);
    write(dir, "blocked-edges/good.yaml", GOOD_BLOCK);
    Path bad = write(dir, "blocked-edges/bad.yaml", "to: 4.1.1\nfrom: 4\\.1\\.0\nurl: a: b\n");

    GraphData data = GraphDataReader.read(dir);

    assertThat(data.blockedEdges()).extracting(BlockedEdge::source).containsExactly("blocked-edges/good.yaml");
    assertThat(data.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo(bad.toString());
      assertThat(p.kind()).isEqualTo("invalid_yaml");
      assertThat(p.line()).isEqualTo(OptionalInt.of(3));
    });
  }

  @Test
  void aBlockWithoutToIsReported() throws InvalidInputException {
    graphData(dir);
    Path bad = write(dir, "blocked-edges/no-to.yaml", "from: 4\\.1\\.0\n");

    GraphData data = GraphDataReader.read(dir);

    assertThat(data.blockedEdges()).isEmpty();
    assertThat(data.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo(bad.toString());
      assertThat(p.kind()).isEqualTo("missing_field");
      assertThat(p.message()).contains("'to'");
    });
  }

  @Test
  void anInvalidFromRegexIsReported() throws InvalidInputException {
    graphData(dir);
    Path bad = write(dir, "blocked-edges/bad-regex.yaml", "to: 4.1.1\nfrom: 4\\.1\\.(0\n");

    GraphData data = GraphDataReader.read(dir);

    assertThat(data.blockedEdges()).isEmpty();
    assertThat(data.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo(bad.toString());
      assertThat(p.kind()).isEqualTo("invalid_regex");
    });
  }

  @Test
  void aRiskWithoutNameOrUrlIsReported() throws InvalidInputException {
    graphData(dir);
    String rules = "matchingRules:\n- type: Always\n";
    Path noName = write(dir, "blocked-edges/no-name.yaml", GOOD_BLOCK + "url: https://example.com/x\nmessage: m\n" + rules);
    Path noUrl = write(dir, "blocked-edges/4.1.1-no-url.yaml", GOOD_BLOCK + "name: SomeRisk\nmessage: m\n" + rules);

    GraphData data = GraphDataReader.read(dir);

    // Dropping the risk but keeping the block unconditionally would silently remove the update;
    // the whole file is skipped instead.
    assertThat(data.blockedEdges()).isEmpty();
    assertThat(data.problems()).extracting(LoadProblem::source, LoadProblem::kind, LoadProblem::message)
        .containsExactlyInAnyOrder(
            Tuple.tuple(noName.toString(), "missing_field", "'name' is required"),
            Tuple.tuple(noUrl.toString(), "missing_field", "'url' is required"));
  }

  @Test
  void anUnknownMatchingRuleTypeIsReported() throws InvalidInputException {
    graphData(dir);
    Path bad = write(dir, "blocked-edges/4.1.1-odd-rule.yaml", GOOD_BLOCK + "url: https://example.com/x\nname: R\nmessage: m\nmatchingRules:\n- type: Sometimes\n");

    GraphData data = GraphDataReader.read(dir);

    assertThat(data.blockedEdges()).isEmpty();
    assertThat(data.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo(bad.toString());
      assertThat(p.kind()).isEqualTo("invalid_risk");
      assertThat(p.message()).contains("Sometimes");
    });
  }

  @Test
  void aChannelNameClientsCannotAskForIsReported() throws InvalidInputException {
    graphData(dir);
    write(dir, "channels/stable-4.1.yaml", "name: stable-4.1\nversions:\n- 4.1.0\n");
    Path bad = write(dir, "channels/Stable_4.1.yaml", "name: Stable_4.1\nversions:\n- 4.1.0\n");

    GraphData data = GraphDataReader.read(dir);

    assertThat(data.channels()).extracting(Channel::name).containsExactly("stable-4.1");
    assertThat(data.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo(bad.toString());
      assertThat(p.kind()).isEqualTo("invalid_channel");
    });
  }

  @Test
  void aNonStringRawMetadataValueIsReportedAndLeftOut() throws InvalidInputException {
    graphData(dir);
    Path raw = write(dir, "raw/metadata.json", "{\"4.1.0\": {\"io.openshift.upgrades.graph.previous.add\": \"4.0.0\", \"bad\": 1}}");

    GraphData data = GraphDataReader.read(dir);

    assertThat(data.rawMetadata()).isEqualTo(Map.of("4.1.0", Map.of("io.openshift.upgrades.graph.previous.add", "4.0.0")));
    assertThat(data.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo(raw.toString());
      assertThat(p.kind()).isEqualTo("invalid_metadata");
      assertThat(p.message()).contains("'bad'");
    });
  }

  @Test
  void anUnsupportedLayoutVersionFailsTheReadNamingTheFile() {
    graphData(dir);
    write(dir, "version", "2.0.0\n");

    assertThatThrownBy(() -> GraphDataReader.read(dir))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.source()).isEqualTo(dir.resolve("version").toString());
          assertThat(p.kind()).isEqualTo("unsupported_layout");
        }))
        .hasMessageContaining("2.0.0");
  }

  @Test
  void layouts1dot0To1dot2AreAccepted() throws InvalidInputException {
    graphData(dir);
    for (String layout : List.of("1.0.0", "1.1.0", "1.2.0")) {
      write(dir, "version", layout + "\n");
      assertThat(GraphDataReader.read(dir).layoutVersion()).isEqualTo(layout);
    }
  }
}
