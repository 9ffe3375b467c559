package io.covington.server.openshift;

import static io.covington.server.RunningServer.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.covington.server.Covington;
import io.covington.server.RunningServer;
import io.covington.server.cli.CovingtonCommand;
import io.covington.sources.TestInputs;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --path-prefix}, through the real command line. */
class PathPrefixTest {

  @Test
  void servesUnderTheConfiguredPrefixOnly(@TempDir Path dir) throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    CovingtonCommand main = new CovingtonCommand();
    new CommandLine(main)
        .parseArgs("--port", "0", "--status-port", "0", "--bind", "127.0.0.1", "--path-prefix", "/custom/updates/",
            "--releases", inputs.releases().toString(), "--graph-data", inputs.graphData().toString());
    Covington running = main.start();
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
