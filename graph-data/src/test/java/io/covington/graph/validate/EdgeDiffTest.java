package io.covington.graph.validate;

import static io.covington.graph.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.TestFiles;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.RawGraphReader;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.VersionPair;
import io.covington.graph.snapshot.GraphSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of served-update change between two snapshots, on a graph small enough to check by hand. */
class EdgeDiffTest {

  @TempDir Path dir;

  private static final String RAW = """
      {"nodes": [%s, %s, %s], "edges": [[0, 1], [1, 2], [0, 2]]}
      """.formatted(node("4.1.0"), node("4.1.1"), node("4.1.2"));

  private static String node(String version) {
    return "{\"version\": \"" + version + "+amd64\", \"payload\": \"quay.io/x/release@sha256:" + "ab".repeat(32)
        + "\", \"metadata\": {\"io.openshift.upgrades.graph.release.arch\": \"amd64\"}}";
  }

  private static String risk(String to, String from) {
    return "to: " + to + "\nfrom: " + from + "\nurl: https://issues.example.com/1\nname: Risk" + to.replace(".", "")
        + "\nmessage: It breaks.\nmatchingRules:\n- type: Always\n";
  }

  @Test
  void reportsRemovedConditionalAddedAndUnconditionalUpdatesPerChannel() throws InvalidInputException {
    ReleaseSet releases = RawGraphReader.read(RAW.getBytes(StandardCharsets.UTF_8), "raw.json");
    Path base = TestFiles.graphData(dir.resolve("base"));
    write(base, "channels/stable-4.1.yaml", "name: stable-4.1\nversions: [4.1.0, 4.1.1, 4.1.2]\n");
    write(base, "blocked-edges/4.1.2-risk.yaml", risk("4.1.2", "4[.]1[.]0"));
    Path head = TestFiles.graphData(dir.resolve("head"));
    write(head, "channels/stable-4.1.yaml", "name: stable-4.1\nversions: [4.1.0, 4.1.1, 4.1.2]\n");
    write(head, "channels/fast-4.1.yaml", "name: fast-4.1\nversions: [4.1.1, 4.1.2]\n");
    write(head, "blocked-edges/4.1.1-risk.yaml", risk("4.1.1", "4[.]1[.]0"));
    write(head, "blocked-edges/4.1.2-removed.yaml", "to: 4.1.2\nfrom: 4[.]1[.]1\n");

    List<ChannelEdgeChanges> changes = EdgeDiff.between(
        GraphSnapshot.build(releases, GraphDataReader.read(base)), GraphSnapshot.build(releases, GraphDataReader.read(head)));

    assertThat(changes).containsExactly(
        new ChannelEdgeChanges("stable-4.1", "amd64",
            List.of(new VersionPair("4.1.1", "4.1.2")),
            List.of(new VersionPair("4.1.0", "4.1.1")),
            List.of(),
            List.of(new VersionPair("4.1.0", "4.1.2"))));
  }

  @Test
  void aNewChannelAddsItsUpdatesAndIdenticalDataChangesNothing() throws InvalidInputException {
    ReleaseSet releases = RawGraphReader.read(RAW.getBytes(StandardCharsets.UTF_8), "raw.json");
    Path base = TestFiles.graphData(dir.resolve("base"));
    write(base, "channels/stable-4.1.yaml", "name: stable-4.1\nversions: [4.1.0, 4.1.1, 4.1.2]\n");
    Path head = TestFiles.graphData(dir.resolve("head"));
    write(head, "channels/stable-4.1.yaml", "name: stable-4.1\nversions: [4.1.0, 4.1.1, 4.1.2]\n");
    write(head, "channels/fast-4.1.yaml", "name: fast-4.1\nversions: [4.1.1, 4.1.2]\n");
    GraphSnapshot before = GraphSnapshot.build(releases, GraphDataReader.read(base));

    assertThat(EdgeDiff.between(before, GraphSnapshot.build(releases, GraphDataReader.read(head)))).containsExactly(
        new ChannelEdgeChanges("fast-4.1", "amd64", List.of(), List.of(), List.of(new VersionPair("4.1.1", "4.1.2")), List.of()));
    assertThat(EdgeDiff.between(before, before)).isEmpty();
  }

  @Test
  void reportsRisksAddedRemovedAndChangedOnUpdatesThatStayConditional() throws InvalidInputException {
    ReleaseSet releases = RawGraphReader.read(RAW.getBytes(StandardCharsets.UTF_8), "raw.json");
    Path base = TestFiles.graphData(dir.resolve("base"));
    write(base, "channels/stable-4.1.yaml", "name: stable-4.1\nversions: [4.1.0, 4.1.1, 4.1.2]\n");
    write(base, "blocked-edges/4.1.2-risk.yaml", risk("4.1.2", "4[.]1[.][01]"));
    write(base, "blocked-edges/4.1.1-risk.yaml", risk("4.1.1", "4[.]1[.]0"));
    Path head = TestFiles.graphData(dir.resolve("head"));
    write(head, "channels/stable-4.1.yaml", "name: stable-4.1\nversions: [4.1.0, 4.1.1, 4.1.2]\n");
    write(head, "blocked-edges/4.1.2-risk.yaml", risk("4.1.2", "4[.]1[.][01]").replace("It breaks.", "It breaks badly."));
    write(head, "blocked-edges/4.1.2-other.yaml", risk("4.1.2", "4[.]1[.]1").replace("Risk412", "Other"));
    write(head, "blocked-edges/4.1.1-other.yaml", risk("4.1.1", "4[.]1[.]0").replace("Risk411", "Other"));

    List<ChannelEdgeChanges> changes = EdgeDiff.between(
        GraphSnapshot.build(releases, GraphDataReader.read(base)), GraphSnapshot.build(releases, GraphDataReader.read(head)));

    VersionPair a = new VersionPair("4.1.0", "4.1.1");
    VersionPair b = new VersionPair("4.1.0", "4.1.2");
    VersionPair c = new VersionPair("4.1.1", "4.1.2");
    assertThat(changes).containsExactly(new ChannelEdgeChanges("stable-4.1", "amd64", List.of(), List.of(), List.of(), List.of(), List.of(
        new RiskChange("Other", RiskChange.Change.ADDED, List.of(), List.of(a, c)),
        new RiskChange("Risk411", RiskChange.Change.REMOVED, List.of(), List.of(a)),
        new RiskChange("Risk412", RiskChange.Change.CHANGED, List.of("message"), List.of(b, c)))));
    assertThat(new ValidationReport("head", List.of(), Optional.of("base"), changes).text()).contains(
        "    risk Other added to 2 conditional update(s): 4.1.0 -> 4.1.1, 4.1.1 -> 4.1.2",
        "    risk Risk411 removed from 1 conditional update(s): 4.1.0 -> 4.1.1",
        "    risk Risk412 (message) changed on 2 conditional update(s): 4.1.0 -> 4.1.2, 4.1.1 -> 4.1.2");
  }
}
