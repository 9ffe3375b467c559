package io.covington.benchmarks;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.input.Channel;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.ReleaseEdge;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.MatchingRule;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Deterministic OpenShift-like inputs of a chosen size: {@code minors} minor versions of 24 patch
 * releases each (amd64), every release updating to the next 8 patches and to the first 4 of the
 * next minor (about 12 declared updates per release, as in the real graph), one channel per minor
 * holding it and the previous one, and {@code blocksPerTarget} blocked edges per release (half
 * conditional, with a PromQL risk), whose {@code from} patterns select different sources.
 *
 * <p>Scale 1 is close to the bundled data (432 releases × 4 blocks per target = 1,728 blocked
 * edges; the real graph-data has 1,717); scale 10 and 100 multiply releases × blocks per target.
 */
record SyntheticGraph(ReleaseSet releases, GraphData data) {

  static final int PATCHES = 24;

  /** {@code scale} 1, 10 or 100: (minors, blocks per target) = (18, 4), (45, 16), (180, 40). */
  static SyntheticGraph ofScale(int scale) {
    return switch (scale) {
      case 1 -> of(18, 4);
      case 10 -> of(45, 16);
      case 100 -> of(180, 40);
      default -> throw new IllegalArgumentException("scale is 1, 10 or 100");
    };
  }

  static SyntheticGraph of(int minors, int blocksPerTarget) {
    List<Release> releases = new ArrayList<>();
    List<ReleaseEdge> edges = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    List<BlockedEdge> blocks = new ArrayList<>();
    for (int m = 0; m < minors; m++) {
      List<String> channelVersions = new ArrayList<>();
      for (int p = 0; p < PATCHES; p++) {
        String version = version(m, p);
        releases.add(new Release(version, "amd64", "quay.io/example/release@sha256:" + digest(m, p),
            Map.of("url", "https://example.com/errata/" + m + "-" + p,
                "io.openshift.upgrades.graph.release.arch", "amd64")));
        for (int q = p + 1; q <= Math.min(PATCHES - 1, p + 8); q++) {
          edges.add(new ReleaseEdge(version + "+amd64", version(m, q) + "+amd64"));
        }
        if (m + 1 < minors) {
          for (int q = 0; q < 4; q++) {
            edges.add(new ReleaseEdge(version + "+amd64", version(m + 1, q) + "+amd64"));
          }
        }
        channelVersions.add(version);
        if (m > 0) {
          channelVersions.add(version(m - 1, p));
        }
        for (int b = 0; b < blocksPerTarget; b++) {
          // Sources of the same minor whose patch ends in digit b % 10, or of the previous minor.
          Pattern from = b % 2 == 0
              ? Pattern.compile("^5\\." + m + "\\.[0-9]*" + (b % 10) + "[+]")
              : Pattern.compile("^5\\." + Math.max(0, m - 1) + "\\.(" + (b % 10) + "|1" + (b % 10) + ")[+]");
          Optional<Risk> risk = b % 2 == 0
              ? Optional.empty()
              : Optional.of(new Risk("Risk" + m + "x" + b, "https://issues.example.com/" + m + "-" + b,
                  "Synthetic risk " + b + " of 5." + m,
                  List.of(new MatchingRule("PromQL", Optional.of("group(cluster_version{risk=\"" + b + "\"})")))));
          blocks.add(new BlockedEdge(version, from, risk, "blocked-edges/" + version + "-" + b + ".yaml"));
        }
      }
      channels.add(new Channel("stable-5." + m, channelVersions, "channels/stable-5." + m + ".yaml"));
    }
    return new SyntheticGraph(
        new ReleaseSet(releases, edges, List.of(), "synthetic"),
        new GraphData("1.2.0", channels, blocks, Map.of(), List.of(), "synthetic"));
  }

  private static String version(int minor, int patch) {
    return "5." + minor + "." + patch;
  }

  private static String digest(int minor, int patch) {
    return String.format("%032x%032x", minor * 1_000_003L, patch * 7_919L);
  }
}
