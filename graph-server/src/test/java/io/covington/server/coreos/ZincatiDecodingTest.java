package io.covington.server.coreos;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.coreos.CoreOsStreams;
import io.covington.graph.coreos.Scheme;
import io.covington.policy.coreos.ClientWariness;
import io.covington.policy.coreos.RolloutPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundled streams rendered through the policy and read back as Zincati reads them. The
 * in-progress rollouts start 2026-07-22T14:00:00Z and last two days.
 */
class ZincatiDecodingTest {

  private static final CoreOsSnapshot SNAPSHOT = CoreOsStreams.loadBundled();
  private static final Instant BEFORE = Instant.parse("2026-07-21T12:00:00Z");
  private static final Instant HALFWAY = Instant.parse("2026-07-23T14:00:00Z"); // throttling 0.5
  private static final Instant AFTER = Instant.parse("2026-07-25T00:00:00Z");

  private static ZincatiClient zincati(String stream, Scheme scheme, double wariness, Instant now)
      throws IOException {
    CoreOsGraph graph = SNAPSHOT.graph(stream, "x86_64", scheme).orElseThrow();
    return ZincatiClient.decode(CoreOsGraphRenderer.render(RolloutPolicy.serve(graph, wariness, now)), scheme);
  }

  @Test
  void theDecoderAcceptsZincatisOwnExample() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/corpus/fcos/zincati/response.json")) {
      ZincatiClient example = ZincatiClient.decode(in.readAllBytes(), Scheme.CHECKSUM);
      assertThat(example.chooseUpdateFrom("32.20200517.1.0")).hasValue("32.20200601.1.1");
    }
  }

  @ParameterizedTest(name = "{0} on {1} with wariness {2} at {3} -> {4}")
  @CsvSource({
    // the last barrier: the completed rollout, or the one in progress when let through
    "stable, 43.20260413.3.2, 0.5, 2026-07-21T12:00:00Z, 44.20260621.3.1",
    "stable, 43.20260413.3.2, 0.0, 2026-07-21T12:00:00Z, 44.20260707.3.1",
    "stable, 43.20260413.3.2, 0.4, 2026-07-23T14:00:00Z, 44.20260707.3.1",
    "stable, 43.20260413.3.2, 0.5, 2026-07-23T14:00:00Z, 44.20260707.3.1",
    "stable, 43.20260413.3.2, 0.6, 2026-07-23T14:00:00Z, 44.20260621.3.1",
    "stable, 43.20260413.3.2, 1.0, 2026-07-25T00:00:00Z, 44.20260707.3.1",
    "stable, 44.20260621.3.1, 1.0, 2026-07-25T00:00:00Z, 44.20260707.3.1",
    // barriers are taken one at a time, whatever the wariness
    "stable, 31.20200517.3.0, 1.0, 2026-07-21T12:00:00Z, 32.20200615.3.0",
    "stable, 42.20250929.3.0, 0.0, 2026-07-21T12:00:00Z, 43.20260217.3.1",
    "testing, 30.20191014.1, 0.3, 2026-07-23T14:00:00Z, 31.20200517.2.0",
    "next, 37.20221111.1.0, 0.3, 2026-07-23T14:00:00Z, 37.20230303.1.1",
    "next, 37.20230303.1.1, 0.3, 2026-07-23T14:00:00Z, 38.20230902.1.1",
  })
  void choosesTheExpectedUpdate(String stream, String booted, double wariness, Instant now, String expected)
      throws IOException {
    assertThat(zincati(stream, Scheme.CHECKSUM, wariness, now).chooseUpdateFrom(booted)).hasValue(expected);
  }

  @Test
  void aWaryNodeOnTheCompletedRolloutWaitsForTheOneInProgress() throws IOException {
    assertThat(zincati("stable", Scheme.CHECKSUM, 0.5, BEFORE).chooseUpdateFrom("44.20260621.3.1")).isEmpty();
    assertThat(zincati("stable", Scheme.CHECKSUM, 0.0, BEFORE).chooseUpdateFrom("44.20260621.3.1"))
        .hasValue("44.20260707.3.1");
    assertThat(zincati("stable", Scheme.CHECKSUM, 1.0, AFTER).chooseUpdateFrom("44.20260707.3.1")).isEmpty();
  }

  @Test
  void deadEndsGetNoUpdateAndAreMarked() throws IOException {
    ZincatiClient next = zincati("next", Scheme.CHECKSUM, 0.0, AFTER);
    assertThat(next.chooseUpdateFrom("38.20230310.1.0")).isEmpty();
    assertThat(next.booted("38.20230310.1.0").isDeadEnd()).isTrue();
    ZincatiClient testing = zincati("testing", Scheme.CHECKSUM, 0.0, AFTER);
    assertThat(testing.chooseUpdateFrom("30.20190716.1")).isEmpty();
    assertThat(testing.booted("30.20190716.1").isDeadEnd()).isTrue();
  }

  @Test
  void aNodeUuidDecidesWhenNoWarinessIsGiven() throws IOException {
    double wariness = ClientWariness.of(Optional.empty(), Optional.of("e0f3745b108f471cbd4883c6fbed8cdd"));
    // 0.653… > 0.5 halfway through: not yet; after the end: yes.
    assertThat(zincati("testing", Scheme.CHECKSUM, wariness, HALFWAY).chooseUpdateFrom("43.20260413.2.1"))
        .hasValue("44.20260707.2.1");
    assertThat(zincati("testing", Scheme.CHECKSUM, wariness, AFTER).chooseUpdateFrom("43.20260413.2.1"))
        .hasValue("44.20260720.2.1");
  }

  @Test
  void ociGraphsDecodeAndUpdateByImageDigest() throws IOException {
    ZincatiClient oci = zincati("stable", Scheme.OCI, 1.0, AFTER);
    String booted = oci.booted("43.20260413.3.2").payload();
    assertThat(booted).startsWith("quay.io/fedora/fedora-coreos@sha256:");
    assertThat(oci.chooseUpdate(booted)).hasValue("44.20260707.3.1");
  }
}
