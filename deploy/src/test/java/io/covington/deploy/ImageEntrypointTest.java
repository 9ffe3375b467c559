package io.covington.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.deploy.RawRequest.Outcome;
import io.covington.server.cli.DurationConverter;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jar run as the image runs it, configured as the base manifests configure it: it answers
 * the probes every rendering points at, and on SIGTERM it drains without failing a request and
 * exits within the pod's grace period.
 */
class ImageEntrypointTest {

  private static final String GRAPH = "/v1/graph?channel=stable-4.16";

  @Test
  void theImageRunsAsAnUnprivilegedUserWithoutAShell() throws Exception {
    Containerfile image = Containerfile.read();

    assertThat(image.user()).matches("[1-9][0-9]*:[1-9][0-9]*");
    assertThat(image.entrypoint()).startsWith("/usr/bin/java").contains("-jar");
    assertThat(image.copies()).containsKey(image.entrypoint().get(image.entrypoint().indexOf("-jar") + 1));
    assertThat(image.env().get("JAVA_TOOL_OPTIONS"))
        .contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError").doesNotContain("-Xmx");
  }

  /**
   * The pod's environment: the image's ENV, then the base ConfigMap, with the ports moved to free
   * ones and the container's memory limit given to the JVM as the cgroup would give it.
   */
  static Map<String, String> podEnvironment(Containerfile image) throws Exception {
    Rendering base = Rendering.of("base");
    Map<String, String> env = new HashMap<>(base.configuration().getData());
    env.put("COVINGTON_PORT", "0");
    env.put("COVINGTON_STATUS_PORT", "0");
    env.put("COVINGTON_BIND", "127.0.0.1");
    Quantity limit = ManifestsTest.container(base).getResources().getLimits().get("memory");
    env.put("JAVA_TOOL_OPTIONS",
        image.env().get("JAVA_TOOL_OPTIONS") + " -XX:MaxRAM=" + Quantity.getAmountInBytes(limit).toBigInteger());
    return env;
  }

  @Test
  void answersTheProbesAndDrainsOnSigtermWithoutFailingARequest() throws Exception {
    Containerfile image = Containerfile.read();
    Map<String, String> env = podEnvironment(image);
    Rendering base = Rendering.of("base");
    Duration delay = new DurationConverter().convert(env.get("COVINGTON_SHUTDOWN_DELAY"));
    long gracePeriod = ManifestsTest.podSpec(base).getTerminationGracePeriodSeconds();

    try (ServerProcess server = ServerProcess.start(image, env)) {
      server.awaitReady(Duration.ofSeconds(60));
      assertProbesAnswer(server);

      ConcurrentLinkedQueue<RawRequest> outcomes = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> clients = new ArrayList<>();
      String target = server.pathPrefix() + GRAPH;
      int port = server.apiPort();
      for (int i = 0; i < 4; i++) {
        clients.add(started("client-" + i, () -> {
          while (!stop.get()) {
            RawRequest request = RawRequest.get(port, target, Duration.ZERO);
            outcomes.add(request);
            if (request.outcome() == Outcome.REFUSED) {
              sleep(20);
            }
          }
        }));
      }
      while (outcomes.stream().filter(r -> r.outcome() == Outcome.COMPLETED).count() < 20) {
        Thread.sleep(50);
      }

      Instant sigterm = Instant.now();
      server.process.destroy();
      // A response read slowly from right after SIGTERM: in flight when the API port closes.
      ConcurrentLinkedQueue<RawRequest> slow = new ConcurrentLinkedQueue<>();
      Thread slowReader = started("slow-reader", () -> slow.add(RawRequest.get(port, target, Duration.ofMillis(60))));
      assertReadinessTurns503(server);
      boolean exited = server.process.waitFor(gracePeriod, TimeUnit.SECONDS);
      Duration toExit = Duration.between(sigterm, Instant.now());
      stop.set(true);
      for (Thread client : Stream.concat(clients.stream(), Stream.of(slowReader)).toList()) {
        client.join(20_000);
      }

      System.out.printf("SIGTERM to exit: %d ms; outcomes: %s; slow reader: %s%n", toExit.toMillis(),
          outcomes.stream().collect(Collectors.groupingBy(RawRequest::outcome, Collectors.counting())), slow);
      assertThat(exited).as("exited within terminationGracePeriodSeconds (%d s); log:%n%s", gracePeriod, server.log()).isTrue();
      assertThat(server.process.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
      assertThat(outcomes).as("requests that failed (see RawRequest.Outcome.FAILED)")
          .filteredOn(r -> r.outcome() == Outcome.FAILED).isEmpty();
      assertThat(outcomes).as("requests served during --shutdown-delay")
          .filteredOn(r -> r.outcome() == Outcome.COMPLETED && r.started().isAfter(sigterm.plus(delay.dividedBy(2))))
          .isNotEmpty();
      assertThat(slow).singleElement().satisfies(r -> {
        assertThat(r.outcome()).as(r.detail()).isEqualTo(Outcome.COMPLETED);
        assertThat(r.ended()).as("still in flight when the API port closed").isAfter(sigterm.plus(delay));
      });
      assertThat(toExit).isLessThan(Duration.ofSeconds(gracePeriod));
    }
  }

  /** Every probe of every rendering answers 200 on the running server's status port. */
  private static void assertProbesAnswer(ServerProcess server) throws Exception {
    for (String name : Rendering.names()) {
      Container container = ManifestsTest.container(Rendering.of(name));
      for (Probe probe : List.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())) {
        // ManifestsTest holds each probe's port to the configured status port; here the path.
        String path = probe.getHttpGet().getPath();
        assertThat(ServerProcess.get(server.status(path)).statusCode()).as("%s: GET %s", name, path).isEqualTo(200);
      }
    }
    assertThat(ServerProcess.get(server.api(GRAPH)).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> metrics = ServerProcess.get(server.status("/metrics"));
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertAlertsUseExportedMetrics(new String(metrics.body(), StandardCharsets.UTF_8));
  }

  /** Every covington_* metric the suggested alerts use is in the server's exposition. */
  private static void assertAlertsUseExportedMetrics(String exposition) throws Exception {
    Set<String> exported = exposition.lines()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.split("[{ ]", 2)[0])
        .collect(Collectors.toSet());
    String rules = Files.readString(Paths.k8s().resolve("examples/prometheusrule.yaml"));
    Set<String> used = Pattern.compile("covington_[a-z_]+").matcher(rules).results()
        .map(MatchResult::group).collect(Collectors.toSet());

    assertThat(used).hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(name -> assertThat(exported.contains(name))
            .as("%s, used by prometheusrule.yaml, is exported by the server", name).isTrue());
  }

  private static void assertReadinessTurns503(ServerProcess server) throws Exception {
    Instant deadline = Instant.now().plusSeconds(3);
    int status = 200;
    while (status == 200 && Instant.now().isBefore(deadline)) {
      status = ServerProcess.get(server.status("/readiness")).statusCode();
    }
    assertThat(status).as("readiness right after SIGTERM").isEqualTo(503);
    assertThat(ServerProcess.get(server.status("/liveness")).statusCode()).as("liveness while draining").isEqualTo(200);
  }

  private static Thread started(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.start();
    return thread;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
