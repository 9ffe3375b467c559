package io.covington.sources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Small inputs in the real formats: a raw graph (the reference graph-builder's output) and a
 * graph-data directory in the openshift/cincinnati-graph-data layout.
 *
 * <p>amd64: 4.15.1 → 4.15.2 → 4.16.0 → 4.16.1 (plus 4.15.1 → 4.16.0); arm64: 4.16.0 → 4.16.1.
 * Channel {@code stable-4.16} holds all four; {@code fast-4.16} only 4.16.x. The update 4.16.0 →
 * 4.16.1 is conditional (risk {@code TestRisk}); 4.15.2 → 4.16.0 is blocked outright.
 */
public final class TestInputs {

  /** The image digest of every test release of {@code arch}. */
  public static String digest(String arch) {
    return "sha256:" + (arch.equals("amd64") ? "ab" : "cd").repeat(32);
  }

  private TestInputs() {}

  /** Writes {@code releases.json} and {@code graph-data/} under {@code dir}. */
  public static Inputs write(Path dir) throws IOException {
    Path releases = dir.resolve("releases.json");
    Files.writeString(releases, rawGraph(), StandardCharsets.UTF_8);
    Path graphData = dir.resolve("graph-data");
    Files.createDirectories(graphData.resolve("channels"));
    Files.createDirectories(graphData.resolve("blocked-edges"));
    Files.createDirectories(graphData.resolve("raw"));
    Files.writeString(graphData.resolve("version"), "1.1.0\n");
    Files.writeString(
        graphData.resolve("channels/stable-4.16.yaml"),
        "name: stable-4.16\nversions:\n- 4.15.1\n- 4.15.2\n- 4.16.0\n- 4.16.1\n");
    Files.writeString(
        graphData.resolve("channels/fast-4.16.yaml"), "name: fast-4.16\nversions:\n- 4.16.0\n- 4.16.1\n");
    Files.writeString(
        graphData.resolve("blocked-edges/4.16.1-TestRisk.yaml"),
        """
        to: 4.16.1
        from: 4[.]16[.]0
        url: https://issues.example.com/browse/OCPBUGS-1
        name: TestRisk
        message: |-
          Clusters with a "quoted" thing may fail.
        matchingRules:
        - type: PromQL
          promql:
            promql: |
              group(cluster_operator_conditions{name="aro"})
        - type: Always
        """);
    Files.writeString(
        graphData.resolve("blocked-edges/4.16.0-blocked.yaml"), "to: 4.16.0\nfrom: 4[.]15[.]2\n");
    Files.writeString(graphData.resolve("raw/metadata.json"), "{}\n");
    return new Inputs(releases, graphData);
  }

  /** Copies the files under {@code from} into {@code to}, replacing what is there. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Paths of the written inputs. */
  public record Inputs(Path releases, Path graphData) {
    public String[] flags() {
      return new String[] {"--releases", releases.toString(), "--graph-data", graphData.toString()};
    }
  }

  static String rawGraph() {
    return """
        {"nodes": [
          %s,
          %s,
          %s,
          %s,
          %s,
          %s
        ],
        "edges": [[0, 1], [1, 2], [0, 2], [2, 3], [4, 5]]}
        """
        .formatted(
            node("4.15.1", "amd64"),
            node("4.15.2", "amd64"),
            node("4.16.0", "amd64"),
            node("4.16.1", "amd64"),
            node("4.16.0", "arm64"),
            node("4.16.1", "arm64"));
  }

  private static String node(String version, String arch) {
    return """
        {"version": "%s+%s",
         "payload": "quay.io/openshift-release-dev/ocp-release@%s",
         "metadata": {"url": "https://access.redhat.com/errata/RHBA-2024:%s",
                      "io.openshift.upgrades.graph.release.manifestref": "%s",
                      "io.openshift.upgrades.graph.release.arch": "%s"}}"""
        .formatted(version, arch, digest(arch), version.replace(".", ""), digest(arch), arch);
  }
}
