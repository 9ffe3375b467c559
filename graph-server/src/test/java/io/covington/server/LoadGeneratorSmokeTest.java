package io.covington.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.loadtest.LoadTest;
import io.covington.loadtest.PlannedRequest;
import io.covington.loadtest.RequestMix;
import io.covington.loadtest.StepResult;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.sources.OpenShiftLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a real server on the bundled data: its report adds up, and its
 * default fleet mix polls only what the server serves (checked here over HTTP, independently of
 * the generator's own survey), in the shares its documented rule gives.
 */
class LoadGeneratorSmokeTest {

  /** The architectures the OpenAPI document names for {@code arch}. */
  private static final List<String> ARCHES = List.of("amd64", "arm64", "multi", "s390x", "ppc64le");
  private static final Pattern MINOR_CHANNEL = Pattern.compile("^([a-z]+)-(\\d+)\\.(\\d+)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RunningServer server;
  private final Map<String, JsonNode> fetched = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX);
    RunningServer.await(server.load(OpenShiftLoader.bundled(), false));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private String target() {
    return "http://127.0.0.1:" + server.server.apiPort();
  }

  /** The body of a 200 answer to {@code pathAndQuery} on the API port, once per URI. */
  private JsonNode served(String pathAndQuery) throws Exception {
    JsonNode body = fetched.get(pathAndQuery);
    if (body == null) {
      HttpResponse<String> response = RunningServer.get(URI.create(target() + pathAndQuery), "Accept", "application/json");
      assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
      body = JSON.readTree(response.body());
      fetched.put(pathAndQuery, body);
    }
    return body;
  }

  private List<String> nodeVersions(String pathAndQuery) throws Exception {
    return served(pathAndQuery).get("nodes").findValuesAsText("version");
  }

  /** Releases per channel on {@code arch}, as {@code /v1/channels} lists them. */
  private Map<String, Integer> releases(String arch) throws Exception {
    Map<String, Integer> releases = new LinkedHashMap<>();
    for (JsonNode channel : served(OpenShiftApi.DEFAULT_PREFIX + "/v1/channels?arch=" + arch).get("channels")) {
      releases.put(channel.get("name").textValue(), channel.get("releases").intValue());
    }
    return releases;
  }

  private static Map<String, String> query(String uri) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : URI.create(uri).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return params;
  }

  @Test
  void theFleetMixRunsAtTheOfferedRatesWithoutUnexpectedErrors() throws Exception {
    StringWriter out = new StringWriter();
    LoadTest.Report report = LoadTest.parse("--target", target(), "--rates", "50,100", "--step-duration", "2s",
        "--lanes", "2", "--connections", "4", "--slo-p99", "1000", "--max-error-rate", "0").run(new PrintWriter(out, true));

    assertThat(report.steps()).extracting(StepResult::offeredRate).containsExactly(50, 100);
    for (StepResult step : report.steps()) {
      assertThat(step.scheduled()).isEqualTo(step.offeredRate() * 2L);
      assertThat(step.completed()).isEqualTo(step.scheduled());
      assertThat(step.achievedRate()).isCloseTo(step.offeredRate(), within(step.offeredRate() * 0.25));
      assertThat(step.errors()).isEmpty();
      assertThat(step.statuses()).containsKeys(200, 400);
      assertThat(step.millisAt(50)).isPositive().isLessThanOrEqualTo(step.maxMillis());
    }
    assertThat(report.breaches()).isEmpty();
    assertThat(out.toString()).contains("rate     50/s").contains("rate    100/s");
  }

  @Test
  void theMixLinePrintsWhatTheServerServes() throws Exception {
    Map<String, Integer> amd64 = releases("amd64");
    Set<String> versions = new TreeSet<>();
    for (String channel : amd64.keySet()) {
      versions.addAll(nodeVersions(OpenShiftApi.DEFAULT_PREFIX + "/v1/graph?channel=" + channel + "&arch=amd64"));
    }
    StringWriter out = new StringWriter();
    LoadTest.parse("--target", target()).mix(new PrintWriter(out, true));

    assertThat(amd64.values()).as("the bundled data has every channel populated on amd64").allMatch(n -> n > 0);
    assertThat(out.toString()).contains(String.format(Locale.ROOT,
        "fleet mix: %d channels with %,d releases on amd64 (none on arm64, multi, s390x, ppc64le); most polled: stable-",
        amd64.size(), versions.size())).contains("coreos mix: 3 streams with ").contains("most polled: stable/x86_64 ");
  }

  @Test
  void theDefaultMixPollsOnlyServedGraphsOnRealReleasesInTheDocumentedShares() throws Exception {
    RequestMix mix = LoadTest.parse("--target", target()).mix(new PrintWriter(new StringWriter(), true));
    String prefix = OpenShiftApi.DEFAULT_PREFIX;
    Map<String, Integer> clusterPolls = new HashMap<>();
    Map<String, Integer> nodePolls = new HashMap<>();
    SplittableRandom random = new SplittableRandom(11);
    int clusters = 0;
    int nodes = 0;
    for (int i = 0; i < 40_000; i++) {
      PlannedRequest request = mix.next(random);
      Map<String, String> q = request.kind().equals("cluster") || request.kind().equals("zincati")
          ? query(request.uri()) : Map.of();
      if (request.kind().equals("cluster")) {
        clusters++;
        String graphUri = prefix + "/v1/graph?channel=" + q.get("channel") + "&arch=" + q.get("arch");
        assertThat(nodeVersions(graphUri)).as("%s: the version is a node of a non-empty graph", request.uri())
            .isNotEmpty().contains(q.get("version"));
        clusterPolls.merge(q.get("channel") + "/" + q.get("arch"), 1, Integer::sum);
      } else if (request.kind().equals("zincati")) {
        nodes++;
        String graphUri = "/v1/graph?basearch=" + q.get("basearch") + "&stream=" + q.get("stream");
        assertThat(nodeVersions(graphUri)).as("%s: os_version is a node of a non-empty graph", request.uri())
            .isNotEmpty().contains(q.get("os_version"));
        nodePolls.merge(q.get("stream") + "/" + q.get("basearch"), 1, Integer::sum);
      }
    }

    // The rule of FleetPlan's Javadoc, computed again from what /v1/channels lists.
    Map<String, Double> archShares = Map.of("amd64", 0.90, "arm64", 0.05, "multi", 0.03, "s390x", 0.01, "ppc64le", 0.01);
    Map<String, Double> expected = new HashMap<>();
    double archTotal = 0;
    for (String arch : ARCHES) {
      Map<String, Integer> listed = releases(arch);
      Map<String, Double> weights = channelWeights(listed);
      double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
      if (total > 0) {
        archTotal += archShares.get(arch);
        weights.forEach((channel, w) -> expected.put(channel + "/" + arch, archShares.get(arch) * w / total));
      }
    }
    double archSum = archTotal;
    expected.replaceAll((key, share) -> share / archSum);
    assertThat(expected).as("the bundled data has channels on amd64 only").isNotEmpty()
        .allSatisfy((key, share) -> assertThat(key).endsWith("/amd64"));
    assertThat(expected.keySet()).as("every polled channel graph").containsAll(clusterPolls.keySet());
    assertClose(clusterPolls, clusters, expected);

    Map<String, Double> streamShares = Map.of("stable", 0.70, "testing", 0.20, "next", 0.10);
    Map<String, Double> basearchShares = Map.of("x86_64", 0.85, "aarch64", 0.11, "ppc64le", 0.02, "s390x", 0.02);
    Map<String, Double> expectedNodes = new HashMap<>();
    for (JsonNode stream : served("/v1/streams").get("streams")) {
      for (JsonNode basearch : stream.get("basearches")) {
        String name = stream.get("name").textValue();
        if (!nodeVersions("/v1/graph?basearch=" + basearch.textValue() + "&stream=" + name).isEmpty()) {
          expectedNodes.put(name + "/" + basearch.textValue(),
              streamShares.getOrDefault(name, 0.05) * basearchShares.getOrDefault(basearch.textValue(), 0.01));
        }
      }
    }
    double nodeTotal = expectedNodes.values().stream().mapToDouble(Double::doubleValue).sum();
    expectedNodes.replaceAll((key, w) -> w / nodeTotal);
    assertThat(expectedNodes.keySet()).containsAll(nodePolls.keySet());
    assertClose(nodePolls, nodes, expectedNodes);
  }

  /** Each key's share of the {@code n} draws is within 5 standard deviations (+ 0.01 %) of the expected one. */
  private static void assertClose(Map<String, Integer> counts, int n, Map<String, Double> expected) {
    List<String> off = new ArrayList<>();
    expected.forEach((key, p) -> {
      double observed = counts.getOrDefault(key, 0) / (double) n;
      if (Math.abs(observed - p) > 5 * Math.sqrt(p * (1 - p) / n) + 1e-4) {
        off.add(String.format(Locale.ROOT, "%s: %.4f, expected %.4f", key, observed, p));
      }
    });
    assertThat(off).as("shares of %d polls", n).isEmpty();
  }

  /** {@code releases × F(family) × 0.75^age} for each channel with releases; see FleetPlan. */
  private static Map<String, Double> channelWeights(Map<String, Integer> listed) {
    Map<String, Double> factors = Map.of("stable", 1.0, "fast", 0.4, "eus", 0.2, "candidate", 0.05);
    List<int[]> generallyAvailable = new ArrayList<>();
    listed.forEach((channel, n) -> {
      Matcher m = MINOR_CHANNEL.matcher(channel);
      if (n > 0 && m.matches() && m.group(1).equals("stable")) {
        generallyAvailable.add(new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))});
      }
    });
    Map<String, Double> weights = new HashMap<>();
    listed.forEach((channel, n) -> {
      if (n == 0) {
        return;
      }
      Matcher m = MINOR_CHANNEL.matcher(channel);
      if (!m.matches()) {
        weights.put(channel, n * 0.02);
        return;
      }
      int major = Integer.parseInt(m.group(2));
      int minor = Integer.parseInt(m.group(3));
      long age = generallyAvailable.stream().filter(g -> g[0] > major || (g[0] == major && g[1] > minor)).count();
      weights.put(channel, n * factors.getOrDefault(m.group(1), 0.02) * Math.pow(0.75, age));
    });
    return weights;
  }

  @Test
  void aBreachedSloIsReported() throws Exception {
    LoadTest.Report report = LoadTest.parse("--target", target(), "--rates", "20", "--step-duration", "1s",
        "--mix", "static", "--static-uri", "/api/upgrades_info/v1/graph?channel=stable-4.16",
        "--slo-p99", "0.000001").run(new PrintWriter(new StringWriter(), true));

    assertThat(report.steps().get(0).statuses()).containsOnlyKeys(200);
    assertThat(report.breaches()).singleElement().asString().contains("p99");
  }
}
