package io.covington.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.covington.loadtest.ServedGraphs.ChannelGraph;
import io.covington.loadtest.ServedGraphs.StreamGraph;
import io.covington.loadtest.WeightedChoice.Weighted;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestMixTest {

  private static final FleetPlan PLAN = FleetPlan.of(FleetPlanTest.SERVED);

  /** The query parameters of a request's URI, in order. */
  static Map<String, String> query(String uri) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : URI.create(uri).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return params;
  }

  @Test
  void theFleetMixHasItsSharesAndExpectations() {
    RequestMix mix = new FleetMix("/api/upgrades_info", "", PLAN, Optional.empty(), 0.5, 0.3);
    SplittableRandom random = new SplittableRandom(1);
    Map<String, Integer> kinds = new HashMap<>();
    int gzip = 0;
    int conditional = 0;
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      PlannedRequest r = mix.next(random);
      kinds.merge(r.kind(), 1, Integer::sum);
      gzip += r.headers().containsKey("Accept-Encoding") ? 1 : 0;
      switch (r.kind()) {
        case "bad" -> assertThat(r.expected()).containsExactly(400);
        case "cluster" -> {
          assertThat(r.uri()).startsWith("/api/upgrades_info/v1/graph?channel=").contains("&version=").contains("&id=");
          assertThat(r.expected()).contains(200);
          conditional += r.validatorKey().isEmpty() ? 0 : 1;
        }
        case "zincati" -> assertThat(r.uri()).startsWith("/v1/graph?basearch=").contains("&node_uuid=");
        default -> assertThat(r.expected()).containsExactly(200);
      }
    }
    assertThat(kinds.get("cluster") / (double) n).isCloseTo(0.70, within(0.01));
    assertThat(kinds.get("zincati") / (double) n).isCloseTo(0.20, within(0.01));
    assertThat(kinds.get("dashboard") / (double) n).isCloseTo(0.05, within(0.01));
    assertThat(kinds.get("bad") / (double) n).isCloseTo(0.05, within(0.01));
    assertThat(gzip / (double) n).isCloseTo(0.5, within(0.01));
    assertThat(conditional / (double) kinds.get("cluster")).isCloseTo(0.3, within(0.01));
  }

  @Test
  void clustersPollServedChannelsOnTheirOwnReleasesInThePlansShares() {
    RequestMix mix = new FleetMix("/api/upgrades_info", "", PLAN, Optional.empty(), 0.5, 0.3);
    Map<String, ChannelGraph> served = new HashMap<>();
    FleetPlanTest.SERVED.channels().forEach(g -> served.put(g.channel() + "/" + g.arch(), g));
    Map<String, Integer> polls = new HashMap<>();
    Set<String> versionsSeen = new HashSet<>();
    SplittableRandom random = new SplittableRandom(3);
    int clusters = 0;
    while (clusters < 100_000) {
      PlannedRequest r = mix.next(random);
      if (!r.kind().equals("cluster")) {
        continue;
      }
      clusters++;
      Map<String, String> q = query(r.uri());
      String key = q.get("channel") + "/" + q.get("arch");
      assertThat(served).as("a served channel graph: " + r.uri()).containsKey(key);
      assertThat(served.get(key).versions()).as("version is a node of " + key).contains(q.get("version"));
      polls.merge(key, 1, Integer::sum);
      versionsSeen.add(key + "@" + q.get("version"));
    }
    for (Weighted<ChannelGraph> share : PLAN.clusterShares()) {
      String key = share.value().channel() + "/" + share.value().arch();
      double sigma = Math.sqrt(share.weight() * (1 - share.weight()) / clusters);
      assertThat(polls.getOrDefault(key, 0) / (double) clusters).as(key).isCloseTo(share.weight(), within(5 * sigma + 1e-4));
    }
    // Every release of the two big amd64 channels has clusters on it: versions are drawn over all nodes.
    for (String key : Set.of("stable-4.15/amd64", "stable-4.16/amd64")) {
      for (String version : served.get(key).versions()) {
        assertThat(versionsSeen).contains(key + "@" + version);
      }
    }
  }

  @Test
  void zincatiNodesRunRealReleasesOfServedStreams() {
    RequestMix mix = new FleetMix("/api/upgrades_info", "/coreos", PLAN, Optional.empty(), 0.5, 0.3);
    Map<String, StreamGraph> served = new HashMap<>();
    FleetPlanTest.SERVED.streams().forEach(g -> served.put(g.stream() + "/" + g.basearch(), g));
    Map<String, Integer> polls = new HashMap<>();
    SplittableRandom random = new SplittableRandom(5);
    int nodes = 0;
    while (nodes < 50_000) {
      PlannedRequest r = mix.next(random);
      if (!r.kind().equals("zincati")) {
        continue;
      }
      nodes++;
      assertThat(r.uri()).startsWith("/coreos/v1/graph?");
      Map<String, String> q = query(r.uri());
      String key = q.get("stream") + "/" + q.get("basearch");
      assertThat(served).as("a served stream graph: " + r.uri()).containsKey(key);
      assertThat(served.get(key).versions()).as("os_version is a node of " + key).contains(q.get("os_version"));
      assertThat(q.get("node_uuid")).matches("[0-9a-f]{32}");
      polls.merge(key, 1, Integer::sum);
    }
    for (Weighted<StreamGraph> share : PLAN.nodeShares()) {
      String key = share.value().stream() + "/" + share.value().basearch();
      double sigma = Math.sqrt(share.weight() * (1 - share.weight()) / nodes);
      assertThat(polls.getOrDefault(key, 0) / (double) nodes).as(key).isCloseTo(share.weight(), within(5 * sigma + 1e-4));
    }
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    LoadTest.DurationConverter converter = new LoadTest.DurationConverter();
    assertThat(converter.convert("20s")).isEqualTo(Duration.ofSeconds(20));
    assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(converter.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
  }
}
