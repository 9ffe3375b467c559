package io.covington.server.reload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.RawGraphReader;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.RunningServer;
import io.covington.server.openshift.GraphRenderer;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.sources.FixedSource;
import io.covington.sources.OpenShiftLoader;
import io.covington.sources.Source;
import io.covington.sources.TestInputs;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads as fast as the server can while real HTTP clients hammer the graph API: no request may
 * fail, and every body must be exactly the rendering of the snapshot its {@code
 * X-Covington-Revision} header names, never a mix of two.
 */
class ReloadConsistencyTest {

  private static final int CLIENTS = 4;
  private static final int RELOADS = 150;

  @TempDir Path dir;

  @Test
  void everyResponseIsEntirelyFromOneSnapshot() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    ReleaseSet releases = RawGraphReader.read(Files.readAllBytes(inputs.releases()), "releases.json");
    List<GraphData> variants = new ArrayList<>();
    variants.add(GraphDataReader.read(inputs.graphData()));
    Files.writeString(inputs.graphData().resolve("channels/stable-4.16.yaml"), "name: stable-4.16\nversions:\n- 4.15.2\n- 4.16.0\n- 4.16.1\n");
    variants.add(GraphDataReader.read(inputs.graphData()));
    Files.delete(inputs.graphData().resolve("blocked-edges/4.16.1-TestRisk.yaml"));
    variants.add(GraphDataReader.read(inputs.graphData()));

    Map<String, String> expected = new ConcurrentHashMap<>();
    for (GraphData data : variants) {
      GraphSnapshot snapshot = GraphSnapshot.build(releases, data);
      ChannelGraph graph = snapshot.channel("stable-4.16", "amd64").orElseThrow();
      expected.put(snapshot.revision(), new String(GraphRenderer.render(graph), StandardCharsets.UTF_8));
    }
    assertThat(Set.copyOf(expected.values())).hasSize(3);

    AtomicInteger next = new AtomicInteger();
    Source<GraphData> alternating = new Source<>() {
      private GraphData current;

      @Override
      public String update() {
        int n = next.getAndIncrement();
        current = variants.get(n % variants.size());
        return current.revision() + "#" + n;
      }

      @Override
      public GraphData read() {
        return current;
      }

      @Override
      public String location() {
        return "alternating variants";
      }
    };
    OpenShiftLoader loader =
        new OpenShiftLoader(new FixedSource<>("releases.json", releases.revision(), () -> releases), alternating);
    try (RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX)) {
      Reloader<GraphSnapshot> loading = server.reloader(loader, false, Optional.empty());
      loading.loadAndPublish().get(30, TimeUnit.SECONDS);

      URI uri = server.api("/v1/graph?channel=stable-4.16&arch=amd64");
      AtomicBoolean reloading = new AtomicBoolean(true);
      List<String> failures = new CopyOnWriteArrayList<>();
      Set<String> seen = ConcurrentHashMap.newKeySet();
      AtomicInteger responses = new AtomicInteger();
      ObjectMapper json = new ObjectMapper();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        running.add(clients.submit(() -> {
          while (reloading.get() && failures.size() < 10) {
            try {
              HttpResponse<String> r = RunningServer.get(uri, "Accept", "application/json");
              responses.incrementAndGet();
              String revision = r.headers().firstValue(OpenShiftApi.REVISION_HEADER).orElse("<none>");
              seen.add(revision);
              if (r.statusCode() != 200) {
                failures.add("status " + r.statusCode() + ": " + r.body());
              } else if (!r.body().equals(expected.get(revision))) {
                failures.add("body does not match revision " + revision + ": " + r.body());
              } else {
                json.readTree(r.body());
              }
            } catch (Exception e) {
              failures.add(e.toString());
            }
          }
          return null;
        }));
      }
      for (int i = 0; i < RELOADS; i++) {
        assertThat(loading.reloadIfChanged().get(30, TimeUnit.SECONDS).label()).isEqualTo("published");
      }
      reloading.set(false);
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
      clients.shutdown();

      assertThat(failures).isEmpty();
      assertThat(seen).containsExactlyInAnyOrderElementsOf(expected.keySet());
      assertThat(responses.get()).isGreaterThan(RELOADS);
    }
  }
}
