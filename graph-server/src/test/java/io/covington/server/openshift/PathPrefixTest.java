package io.covington.server.openshift;

import static io.covington.server.RunningServer.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.covington.server.Main;
import io.covington.server.RunningServer;
import io.covington.server.TestInputs;
import io.covington.server.load.OpenShiftInputs;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --path-prefix}, through the real command line. */
class PathPrefixTest {

  @Test
  void servesUnderTheConfiguredPrefixOnly(@TempDir Path dir) throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    Main main = new Main();
    new CommandLine(main)
        .parseArgs("--port", "0", "--status-port", "0", "--bind", "127.0.0.1", "--path-prefix", "/custom/updates/");
    Main.Running running =
        main.start(new OpenShiftInputs(Optional.of(inputs.releases().toString()), Optional.of(inputs.graphData())));
    try {
      RunningServer.await(running.loaded());
      String base = "http://127.0.0.1:" + running.server().apiPort();

      assertThat(get(URI.create(base + "/custom/updates/v1/graph?channel=stable-4.16")).statusCode()).isEqualTo(200);
      assertThat(get(URI.create(base + "/custom/updates/graph?channel=stable-4.16")).statusCode()).isEqualTo(200);
      assertThat(get(URI.create(base + "/custom/updates/v1/openapi")).body()).contains("\"url\":\"/custom/updates\"");
      assertThat(get(URI.create(base + "/api/upgrades_info/v1/graph?channel=stable-4.16")).statusCode()).isEqualTo(404);
    } finally {
      running.stop();
    }
  }
}
