package io.covington.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.TestFiles;
import io.covington.graph.signature.Gpg;
import io.covington.server.Covington;
import io.covington.server.RunningServer;
import io.covington.server.cli.CovingtonCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * In a real headless Chromium: a mirror's releases, one with a signature verified by the site's
 * keyring, one whose only signature was refused and one without any, each badged so in the
 * release details, so an operator sees which mirrored releases a cluster could install.
 */
class SignatureBadgeBrowserTest {

  @TempDir Path dir;

  @Test
  void theDetailsPanelBadgesEachReleaseWithItsSignatureState() throws Exception {
    try (Gpg gpg = Gpg.start()) {
      String site = gpg.newKey("Mirror Site <mirror@example.com>", "0", null);
      String other = gpg.newKey("Other <other@example.com>", "0", null);
      String[] hex = {"b0".repeat(32), "b1".repeat(32), "b2".repeat(32)};
      StringBuilder nodes = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        nodes.append(i == 0 ? "" : ",").append("{\"version\":\"4.5.").append(i).append("+amd64\",\"payload\":")
            .append("\"mirror.example/openshift/release-images@sha256:").append(hex[i]).append("\",\"metadata\":{}}");
      }
      TestFiles.write(dir, "releases.json", "{\"nodes\":[" + nodes + "],\"edges\":[[0,1],[1,2]]}");
      Path data = TestFiles.graphData(dir.resolve("graph-data"));
      TestFiles.write(data, "channels/stable-4.5.yaml", "name: stable-4.5\nversions:\n- 4.5.0\n- 4.5.1\n- 4.5.2\n");
      write(data.resolve("signatures/sha256/" + hex[0] + "/signature-1"), gpg.signDigest(site, "sha256:" + hex[0], "r", null));
      write(data.resolve("signatures/sha256/" + hex[2] + "/signature-1"), gpg.signDigest(other, "sha256:" + hex[2], "r", null));
      write(dir.resolve("site.asc"), gpg.exportArmored(site));

      CovingtonCommand main = new CovingtonCommand();
      new CommandLine(main).parseArgs("--port", "0", "--status-port", "0", "--bind", "127.0.0.1",
          "--releases", dir.resolve("releases.json").toString(), "--graph-data", data.toString(),
          "--release-keyring", dir.resolve("site.asc").toString());
      Covington running = main.start();
      try (BrowserSession browser = BrowserSession.start()) {
        RunningServer.await(running.loaded());
        WebDriver driver = browser.driver;
        driver.get("http://127.0.0.1:" + running.server().apiPort() + "/");
        Function<Function<WebDriver, Boolean>, Boolean> waitFor = condition ->
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
              browser.drainLogs();
              return condition.apply(d);
            });
        waitFor.apply(d -> d.findElement(By.id("status")).getText().startsWith("stable-4.5"));

        for (String[] expected : new String[][] {{"4.5.0", "verified", "signature verified"},
            {"4.5.1", "none", "no signature"}, {"4.5.2", "refused", "signature refused"}}) {
          WebElement search = driver.findElement(By.id("search"));
          search.clear();
          search.sendKeys(expected[0], Keys.ENTER);
          waitFor.apply(d -> d.findElement(By.id("details-version")).getText().equals(expected[0])
              && !d.findElements(By.cssSelector("#details-payload .badge.signature")).isEmpty());
          WebElement badge = driver.findElement(By.cssSelector("#details-payload .badge.signature"));
          assertThat(badge.getDomAttribute("data-signature")).as(expected[0]).isEqualTo(expected[1]);
          assertThat(badge.getText()).isEqualTo(expected[2]);
          if (expected[1].equals("verified")) {
            assertThat(badge.getDomAttribute("title")).contains("Mirror Site <mirror@example.com>");
            browser.screenshot("channel-signature-verified");
          }
        }
        assertThat(browser.consoleProblems()).as("console errors").isEmpty();
      } finally {
        running.stop();
      }
    }
  }

  private static void write(Path file, byte[] bytes) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }
}
