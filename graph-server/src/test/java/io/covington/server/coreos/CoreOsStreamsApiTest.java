package io.covington.server.coreos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.graph.coreos.CoreOsStreams;
import io.covington.server.RunningServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/streams} through a real server: each stream's base architectures, and {@code
 * synthetic} only for the bundled streams, whose checksums and digests Covington generated.
 */
class CoreOsStreamsApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode streams(RunningServer server) throws Exception {
    HttpResponse<String> response =
        RunningServer.get(URI.create("http://127.0.0.1:" + server.server.apiPort() + "/v1/streams"));
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body()).get("streams");
  }

  @Test
  void theBundledStreamsSayWhatIsSynthesized() throws Exception {
    try (RunningServer server = RunningServer.start("/api/upgrades_info")) {
      JsonNode streams = streams(server);

      assertThat(streams.findValuesAsText("name")).containsExactly("next", "stable", "testing");
      assertThat(streams.findValuesAsText("synthetic")).hasSize(3)
          .containsOnly("OSTree checksums, OCI image digests and architecture availability");
    }
  }

  @Test
  void streamsReadFromRealDocumentsHaveNoSyntheticField(@TempDir Path dir) throws Exception {
    Path stable = Files.createDirectories(dir.resolve("stable"));
    for (String file : List.of("releases.json", "updates.json")) {
      try (InputStream in = getClass().getResourceAsStream("/" + CoreOsStreams.BUNDLED_ROOT + "stable/" + file)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(stable.resolve(file), text.replaceAll("(?m)^\\s*\"covington\\.io/synthetic\": \"[^\"]*\",\\n", ""));
      }
    }
    try (RunningServer server = RunningServer.start("/api/upgrades_info")) {
      server.coreos.publish(CoreOsStreams.loadDirectory(dir));

      JsonNode streams = streams(server);

      assertThat(streams.findValuesAsText("name")).containsExactly("stable");
      assertThat(streams.get(0).has("synthetic")).isFalse();
      assertThat(streams.get(0).get("basearches").size()).isEqualTo(4);
    }
  }
}
