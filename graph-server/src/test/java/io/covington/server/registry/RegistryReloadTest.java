package io.covington.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.RunningServer;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.server.reload.Reloader;
import io.covington.server.status.RegistryMetrics;
import io.covington.sources.OpenShiftInputs;
import io.covington.sources.OpenShiftInputs.GraphDataLocation;
import io.covington.sources.TestInputs;
import io.covington.sources.registry.RegistryConfig;
import io.covington.sources.registry.RegistryRepository;
import io.covington.sources.registry.RegistryStandIn;
import io.covington.sources.registry.RegistryUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases from a real distribution registry, reloaded as the server reloads them, through a
 * stand-in that can refuse to list the tags.
 */
class RegistryReloadTest {

  private static final String CLEAN = "clean/release";

  @TempDir static Path dir;
  private static RegistryUnderTest fixture;
  private static RegistryStandIn standIn;

  @BeforeAll
  static void pushImages() throws Exception {
    fixture = RegistryUnderTest.start(dir.resolve("registry"));
    standIn = fixture.standIn();
    fixture.pushTwoReleases(CLEAN);
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aFailedListingFailsTheScrapeAndTheServedGraphStays(@TempDir Path cache, @TempDir Path data) throws Exception {
    RegistryConfig config = new RegistryConfig(List.of(RegistryRepository.parse("http://" + standIn.host() + "/" + CLEAN)),
        Optional.empty(), Optional.empty(), List.of(), Optional.of(cache), Duration.ofMinutes(5), 2, 100, 1 << 20);
    try (RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX)) {
      OpenShiftInputs inputs = new OpenShiftInputs(Optional.empty(),
          new GraphDataLocation.Directory(TestInputs.write(data).graphData()), Optional.of(config), Optional.empty());
      Reloader<GraphSnapshot> loading =
          server.reloader(inputs.open(new RegistryMetrics(server.metrics.registry())), false, Optional.empty());
      GraphSnapshot served = loading.loadAndPublish().get(30, TimeUnit.SECONDS);

      standIn.failTagList(true);
      Throwable failure = loading.loadAndPublish().handle((ok, e) -> e).get(30, TimeUnit.SECONDS);

      assertThat(failure).isInstanceOf(InvalidInputException.class);
      assertThat(((InvalidInputException) failure).problems()).singleElement().satisfies(p -> {
        assertThat(p.source()).isEqualTo(standIn.host() + "/" + CLEAN);
        assertThat(p.kind()).isEqualTo("registry_http_status");
      });
      assertThat(server.snapshots.snapshot()).containsSame(served);
      assertThat(server.metrics.scrape())
          .contains("covington_registry_scrape_failures_total 1.0")
          .contains("covington_registry_releases{repository=\"" + standIn.host() + "/" + CLEAN + "\",} 2.0")
          .contains("covington_registry_tags{repository=\"" + standIn.host() + "/" + CLEAN + "\",outcome=\"seen\",} 2.0")
          .contains("covington_registry_errors_total{kind=\"http_status\",}");
    } finally {
      standIn.failTagList(false);
    }
  }
}
