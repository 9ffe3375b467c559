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

/** Each kind of change between two snapshots, and the graph-data file named as its cause, on a graph checked by hand. */
class SnapshotChangesTest {

  @TempDir Path dir;

  private static final String RAW = """
      {"nodes": [%s, %s, %s], "edges": [[0, 1], [1, 2], [0, 2]]}
      """.formatted(node("4.1.0"), node("4.1.1"), node("4.1.2"));

  private static String node(String version) {
    return "{\"version\": \"" + version + "+amd64\", \"payload\": \"quay.io/x/release@sha256:" + "ab".repeat(32)
        + "\", \"metadata\": {\"io.openshift.upgrades.graph.release.arch\": \"amd64\"}}";
  }

  private static String risk(String to, String from, String name) {
    return "to: " + to + "\nfrom: " + from + "\nurl: https://issues.example.com/1\nname: " + name
        + "\nmessage: It breaks.\nmatchingRules:\n- type: Always\n";
  }

  private GraphSnapshot snapshot(String name, String stable, String... blocked) throws InvalidInputException {
    ReleaseSet releases = RawGraphReader.read(RAW.getBytes(StandardCharsets.UTF_8), "raw.json");
    Path root = TestFiles.graphData(dir.resolve(name));
    write(root, "channels/stable-4.1.yaml", "name: stable-4.1\nversions: [" + stable + "]\n");
    for (int i = 0; i < blocked.length; i += 2) {
      write(root, "blocked-edges/" + blocked[i], blocked[i + 1]);
    }
    return GraphSnapshot.build(releases, GraphDataReader.read(root));
  }

  private static GraphChange updates(GraphChange.Kind kind, List<VersionPair> updates, String file) {
    return new GraphChange("amd64", "stable-4.1", kind, List.of(), updates, Optional.empty(), List.of(), List.of(file));
  }

  @Test
  void namesTheFileOfEachChange() throws InvalidInputException {
    GraphSnapshot base = snapshot("base", "4.1.0, 4.1.1",
        "4.1.1-risk.yaml", risk("4.1.1", "4[.]1[.]0", "Old"));
    GraphSnapshot head = snapshot("head", "4.1.0, 4.1.1, 4.1.2",
        "4.1.2-new.yaml", risk("4.1.2", "4[.]1[.]0", "New"),
        "4.1.2-blocked.yaml", "to: 4.1.2\nfrom: 4[.]1[.]1\n");

    assertThat(SnapshotChanges.between(base, head)).containsExactly(
        new GraphChange("amd64", "stable-4.1", GraphChange.Kind.RELEASES_ADDED, List.of("4.1.2"), List.of(), Optional.empty(),
            List.of(), List.of("channels/stable-4.1.yaml")),
        // 4.1.0 -> 4.1.2 arrives with its release, conditional: the channel file brought it.
        updates(GraphChange.Kind.UPDATES_ADDED, List.of(new VersionPair("4.1.0", "4.1.2")), "channels/stable-4.1.yaml"),
        updates(GraphChange.Kind.MADE_UNCONDITIONAL, List.of(new VersionPair("4.1.0", "4.1.1")), "blocked-edges/4.1.1-risk.yaml"));

    // Backwards: the release leaves, and the block that returns makes 4.1.0 -> 4.1.1 conditional again.
    assertThat(SnapshotChanges.between(head, base)).containsExactly(
        new GraphChange("amd64", "stable-4.1", GraphChange.Kind.RELEASES_REMOVED, List.of("4.1.2"), List.of(), Optional.empty(),
            List.of(), List.of("channels/stable-4.1.yaml")),
        updates(GraphChange.Kind.UPDATES_REMOVED, List.of(new VersionPair("4.1.0", "4.1.2")), "channels/stable-4.1.yaml"),
        updates(GraphChange.Kind.MADE_CONDITIONAL, List.of(new VersionPair("4.1.0", "4.1.1")), "blocked-edges/4.1.1-risk.yaml"));
    assertThat(SnapshotChanges.between(base, base)).isEmpty();
  }

  @Test
  void aLiftedBlockNamesTheFileThatBlockedTheUpdate() throws InvalidInputException {
    GraphSnapshot blocked = snapshot("blocked", "4.1.0, 4.1.1, 4.1.2", "4.1.2-blocked.yaml", "to: 4.1.2\nfrom: 4[.]1[.]1\n");
    GraphSnapshot open = snapshot("open", "4.1.0, 4.1.1, 4.1.2");
    List<VersionPair> pair = List.of(new VersionPair("4.1.1", "4.1.2"));
    assertThat(SnapshotChanges.between(blocked, open))
        .containsExactly(updates(GraphChange.Kind.UPDATES_ADDED, pair, "blocked-edges/4.1.2-blocked.yaml"));
    assertThat(SnapshotChanges.between(open, blocked))
        .containsExactly(updates(GraphChange.Kind.UPDATES_REMOVED, pair, "blocked-edges/4.1.2-blocked.yaml"));
    assertThat(SnapshotChanges.between(open, blocked).get(0).describe())
        .isEqualTo("stable-4.1 amd64: updates removed: 4.1.1 → 4.1.2 (blocked-edges/4.1.2-blocked.yaml)");
  }
}
