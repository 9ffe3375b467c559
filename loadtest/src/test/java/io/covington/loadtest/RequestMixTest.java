package io.covington.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestMixTest {

  private static final List<String> CHANNELS =
      RequestMix.byPopularity(List.of("candidate-4.16", "fast-4.16", "stable-4.9", "stable-4.16", "eus-4.16"));

  @Test
  void ordersChannelsStableFirstNewestFirst() {
    assertThat(CHANNELS).containsExactly("stable-4.16", "stable-4.9", "fast-4.16", "eus-4.16", "candidate-4.16");
  }

  @Test
  void zipfFavoursTheFirstRanks() {
    Zipf zipf = new Zipf(5, 1.1);
    SplittableRandom random = new SplittableRandom(7);
    int[] counts = new int[5];
    for (int i = 0; i < 100_000; i++) {
      counts[zipf.next(random)]++;
    }
    assertThat(counts[0]).isGreaterThan(counts[1]);
    assertThat(counts[1]).isGreaterThan(counts[4]);
    assertThat(counts[4]).isPositive();
  }

  @Test
  void theFleetMixHasItsSharesAndExpectations() {
    RequestMix mix = RequestMix.fleet("/api/upgrades_info", "", CHANNELS, Optional.empty(), 0.5, 0.3);
    SplittableRandom random = new SplittableRandom(1);
    Map<String, Integer> kinds = new HashMap<>();
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      PlannedRequest r = mix.next(random);
      kinds.merge(r.kind(), 1, Integer::sum);
      switch (r.kind()) {
        case "bad" -> assertThat(r.expected()).containsExactly(400);
        case "cluster" -> {
          assertThat(r.uri()).startsWith("/api/upgrades_info/v1/graph?channel=").contains("&version=").contains("&id=");
          assertThat(r.expected()).contains(200);
        }
        case "zincati" -> assertThat(r.uri()).startsWith("/v1/graph?basearch=").contains("&node_uuid=");
        default -> assertThat(r.expected()).containsExactly(200);
      }
    }
    assertThat(kinds.get("cluster") / (double) n).isCloseTo(0.70, within(0.01));
    assertThat(kinds.get("zincati") / (double) n).isCloseTo(0.20, within(0.01));
    assertThat(kinds.get("bad") / (double) n).isCloseTo(0.05, within(0.01));
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
