package io.covington.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.covington.loadtest.ServedGraphs.ChannelGraph;
import io.covington.loadtest.ServedGraphs.StreamGraph;
import io.covington.loadtest.WeightedChoice.Weighted;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The documented weighting rule, worked by hand on a small fleet. */
class FleetPlanTest {

  /** {@code n} distinct versions of the channel's minor, e.g. {@code 4.16.0 … 4.16.9}. */
  static ChannelGraph channel(String name, String arch, int n) {
    String minor = name.replaceAll("^.*-", "");
    return new ChannelGraph(name, arch, IntStream.range(0, n).mapToObj(i -> minor + "." + i).toList());
  }

  static StreamGraph stream(String name, String basearch, String... versions) {
    return new StreamGraph(name, basearch, List.of(versions));
  }

  static final ServedGraphs SERVED = new ServedGraphs(
      List.of(channel("stable-4.16", "amd64", 10), channel("stable-4.15", "amd64", 20), channel("fast-4.16", "amd64", 10),
          channel("candidate-4.17", "amd64", 8), channel("eus-4.14", "amd64", 5), channel("stable-4", "amd64", 4),
          channel("prerelease-4.1", "amd64", 2), channel("stable-4.16", "arm64", 4)),
      List.of("multi", "s390x", "ppc64le"),
      List.of(stream("stable", "x86_64", "41.1", "41.2"), stream("stable", "aarch64", "41.2"),
          stream("testing", "x86_64", "41.3"), stream("lab", "x86_64", "41.4"), stream("stable", "riscv64", "41.1")));

  @Test
  void clusterSharesAreReleasesTimesFamilyTimesAgeWithinTheArchitecturesShare() {
    Map<String, Double> shares = FleetPlan.of(SERVED).clusterShares().stream()
        .collect(Collectors.toMap(w -> w.value().channel() + "/" + w.value().arch(), Weighted::weight));

    // amd64: generally available minors 4.15 and 4.16 (they have stable channels); w = releases × F × 0.75^age.
    double stable416 = 10 * 1.0;
    double stable415 = 20 * 1.0 * 0.75;
    double fast416 = 10 * 0.4;
    double candidate417 = 8 * 0.05; // newer than every GA minor: age 0
    double eus414 = 5 * 0.2 * 0.75 * 0.75;
    double okd = 4 * 0.02; // no minor: the other family, age 0
    double prerelease = 2 * 0.02 * 0.75 * 0.75;
    double amd64 = stable416 + stable415 + fast416 + candidate417 + eus414 + okd + prerelease;
    double amd64Share = 0.90 / (0.90 + 0.05);

    assertThat(shares).hasSize(8);
    assertThat(shares.get("stable-4.15/amd64")).isCloseTo(amd64Share * stable415 / amd64, within(1e-12));
    assertThat(shares.get("stable-4.16/amd64")).isCloseTo(amd64Share * stable416 / amd64, within(1e-12));
    assertThat(shares.get("fast-4.16/amd64")).isCloseTo(amd64Share * fast416 / amd64, within(1e-12));
    assertThat(shares.get("candidate-4.17/amd64")).isCloseTo(amd64Share * candidate417 / amd64, within(1e-12));
    assertThat(shares.get("eus-4.14/amd64")).isCloseTo(amd64Share * eus414 / amd64, within(1e-12));
    assertThat(shares.get("stable-4/amd64")).isCloseTo(amd64Share * okd / amd64, within(1e-12));
    assertThat(shares.get("prerelease-4.1/amd64")).isCloseTo(amd64Share * prerelease / amd64, within(1e-12));
    // arm64 has one channel: it gets the whole of arm64's share.
    assertThat(shares.get("stable-4.16/arm64")).isCloseTo(0.05 / 0.95, within(1e-12));
    assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void theAgeCountsGenerallyAvailableMinorsAcrossMajors() {
    ServedGraphs served = new ServedGraphs(List.of(channel("stable-4.22", "amd64", 10), channel("stable-5.0", "amd64", 10),
        channel("stable-4.9", "amd64", 10)), List.of(), List.of(stream("stable", "x86_64", "41.1")));
    Map<String, Double> shares = FleetPlan.of(served).clusterShares().stream()
        .collect(Collectors.toMap(w -> w.value().channel(), Weighted::weight));
    double total = 1 + 0.75 + 0.75 * 0.75;
    assertThat(shares.get("stable-5.0")).isCloseTo(1 / total, within(1e-12));
    assertThat(shares.get("stable-4.22")).isCloseTo(0.75 / total, within(1e-12));
    assertThat(shares.get("stable-4.9")).isCloseTo(0.75 * 0.75 / total, within(1e-12));
  }

  @Test
  void nodeSharesAreStreamTimesBasearchOverTheServedGraphs() {
    Map<String, Double> shares = FleetPlan.of(SERVED).nodeShares().stream()
        .collect(Collectors.toMap(w -> w.value().stream() + "/" + w.value().basearch(), Weighted::weight));
    double total = 0.70 * 0.85 + 0.70 * 0.11 + 0.20 * 0.85 + 0.05 * 0.85 + 0.70 * 0.01;
    assertThat(shares.get("stable/x86_64")).isCloseTo(0.70 * 0.85 / total, within(1e-12));
    assertThat(shares.get("stable/aarch64")).isCloseTo(0.70 * 0.11 / total, within(1e-12));
    assertThat(shares.get("testing/x86_64")).isCloseTo(0.20 * 0.85 / total, within(1e-12));
    assertThat(shares.get("lab/x86_64")).isCloseTo(0.05 * 0.85 / total, within(1e-12));
    assertThat(shares.get("stable/riscv64")).isCloseTo(0.70 * 0.01 / total, within(1e-12));
  }

  @Test
  void describesChannelsReleasesAndTheMostPolled() {
    String[] lines = FleetPlan.of(SERVED).describe(2).split("\\R");

    // amd64 versions: 4.16.0-9 (stable and fast share them), 4.15.0-19, 4.17.0-7, 4.14.0-4, 4.0-3 (stable-4), 4.1.0-1.
    assertThat(lines[0]).isEqualTo("fleet mix: 7 channels with 49 releases on amd64, 1 channel with 4 releases on arm64"
        + " (none on multi, s390x, ppc64le); most polled: stable-4.15/amd64 47.3 %, stable-4.16/amd64 31.5 %");
    assertThat(lines[1]).isEqualTo("coreos mix: 3 streams with 4 releases on 3 basearches (aarch64, riscv64, x86_64);"
        + " most polled: stable/x86_64 66.7 %, testing/x86_64 19.1 %");
  }

  @Test
  void anEmptyGraphCannotBeInThePlan() {
    assertThatThrownBy(() -> new ChannelGraph("stable-4.16", "arm64", List.of())).hasMessageContaining("never polled");
    assertThatThrownBy(() -> new StreamGraph("stable", "s390x", List.of())).hasMessageContaining("never polled");
  }
}
