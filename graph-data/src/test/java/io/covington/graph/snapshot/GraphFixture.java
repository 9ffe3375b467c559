package io.covington.graph.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.covington.graph.TestFiles;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.ReleaseMetadataReader;
import io.covington.graph.input.ReleaseSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A small OpenShift input written to disk in the real formats: release-metadata documents and a
 * graph-data directory. The readers must accept it without problems, so a test only sees what
 * the builder does.
 */
final class GraphFixture {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path releases;
  private final Path graphData;

  GraphFixture(Path dir) {
    this.releases = dir.resolve("releases");
    this.graphData = TestFiles.graphData(dir.resolve("graph-data"));
    try {
      Files.createDirectories(releases);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path graphData() {
    return graphData;
  }

  /** A release image: {@code previous} is the document's list, {@code metadata} key/value pairs. */
  GraphFixture release(String version, String arch, List<String> previous, String... metadata) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("kind", "cincinnati-metadata-v0");
    doc.put("version", version);
    previous.forEach(doc.putArray("previous")::add);
    ObjectNode md = doc.putObject("metadata");
    for (int i = 0; i < metadata.length; i += 2) {
      md.put(metadata[i], metadata[i + 1]);
    }
    doc.put("payload", "quay.io/openshift-release-dev/ocp-release@sha256:" + version + "-" + arch);
    doc.put("architecture", arch);
    TestFiles.write(releases, version + "-" + arch + ".json", doc.toString());
    return this;
  }

  GraphFixture release(String version, List<String> previous, String... metadata) {
    return release(version, "amd64", previous, metadata);
  }

  GraphFixture channel(String name, String... versions) {
    StringBuilder yaml = new StringBuilder("name: " + name + "\nversions:\n");
    Arrays.stream(versions).forEach(v -> yaml.append("- ").append(v).append('\n'));
    TestFiles.write(graphData, "channels/" + name + ".yaml", yaml.toString());
    return this;
  }

  /** A blocked edge without rules: matching updates are removed. */
  GraphFixture block(String file, String to, String from) {
    TestFiles.write(graphData, "blocked-edges/" + file, "to: " + to + "\nfrom: '" + from + "'\n");
    return this;
  }

  /** A blocked edge with an {@code Always} rule: matching updates become conditional. */
  GraphFixture risk(String file, String to, String from, String name) {
    TestFiles.write(graphData, "blocked-edges/" + file,
        "to: " + to + "\nfrom: '" + from + "'\nurl: https://issues.example.com/" + name + "\nname: " + name
            + "\nmessage: " + name + " may break the update.\nmatchingRules:\n- type: Always\n");
    return this;
  }

  GraphFixture rawMetadata(Map<String, Map<String, String>> raw) {
    try {
      TestFiles.write(graphData, "raw/metadata.json", JSON.writeValueAsString(raw));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  Path blockFile(String file) {
    return graphData.resolve("blocked-edges").resolve(file);
  }

  GraphSnapshot build() throws InvalidInputException {
    ReleaseSet set = ReleaseMetadataReader.read(releases);
    GraphData data = GraphDataReader.read(graphData);
    assertThat(set.problems()).isEmpty();
    assertThat(data.problems()).isEmpty();
    return GraphSnapshot.build(set, data);
  }
}
