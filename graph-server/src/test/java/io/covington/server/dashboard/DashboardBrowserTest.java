package io.covington.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.server.Covington;
import io.covington.server.RunningServer;
import io.covington.server.cli.CovingtonCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * The dashboard in a real headless Chromium against a real server with the bundled data, one view
 * after the other as a user would: every view must show what the data says, with no error shown,
 * no console error, and no request leaving the server's origin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

  private Covington running;
  private BrowserSession browser;
  private ChromeDriver driver;
  private String origin;

  @BeforeAll
  void startServerAndBrowser() throws Exception {
    CovingtonCommand main = new CovingtonCommand();
    new CommandLine(main).parseArgs("--port", "0", "--status-port", "0", "--bind", "127.0.0.1");
    running = main.start();
    RunningServer.await(running.loaded());
    origin = "http://127.0.0.1:" + running.server().apiPort();
    browser = BrowserSession.start();
    driver = browser.driver;
    driver.get(origin + "/");
    waitFor(d -> text("status").contains("releases"));
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (running != null) {
        running.stop();
      }
    }
  }

  @AfterEach
  void showsNoErrorNoEmptyGraphAndLogsNone() {
    assertThat(driver.findElement(By.id("error")).isDisplayed())
        .as("error shown: %s", driver.findElement(By.id("error")).getText())
        .isFalse();
    if (driver.findElement(By.id("graph")).isDisplayed()) {
      assertThat(graphNodes()).as("releases drawn for %s", text("status")).isPositive();
    }
    assertThat(browser.consoleProblems()).as("console errors").isEmpty();
  }

  @Test
  @Order(1)
  void drawsTheDefaultChannelAndABigOneWithoutFreezing() throws Exception {
    assertThat(new Select(driver.findElement(By.id("channel"))).getFirstSelectedOption().getDomAttribute("value"))
        .isEqualTo("stable-4.16");
    assertThat(graphNodes()).isEqualTo(161);

    long start = System.nanoTime();
    new Select(driver.findElement(By.id("channel"))).selectByValue("candidate-4.14");
    waitFor(d -> text("status").startsWith("candidate-4.14") && graphNodes() == 270);
    driver.findElement(By.id("show-all-edges")).click();
    waitFor(d -> graphEdges() > 10_000);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertThat(elapsed).as("270 releases and every update drawn").isLessThan(Duration.ofSeconds(10));
    // Still responsive: a script runs at once after drawing every update.
    assertThat(driver.findElement(By.id("search")).isEnabled()).isTrue();
    browser.screenshot("channel-all-edges");
    driver.findElement(By.id("show-all-edges")).click();
    waitFor(d -> graphEdges() == 0);
  }

  @Test
  @Order(2)
  void findsAVersionShowsItsDetailsAndTheNewestReachable() throws Exception {
    new Select(driver.findElement(By.id("channel"))).selectByValue("stable-4.16");
    waitFor(d -> text("status").startsWith("stable-4.16") && graphNodes() == 161);
    WebElement search = driver.findElement(By.id("search"));
    search.sendKeys("4.15.20", Keys.ENTER);
    waitFor(d -> text("details-version").equals("4.15.20"));
    String details = text("details");
    assertThat(details).contains("quay.io/openshift-release-dev/ocp-release@sha256:", "stable-4.16", "Updates to (", "Updates from (");
    assertThat(driver.findElement(By.cssSelector("#details a")).getDomAttribute("href")).startsWith("https://access.redhat.com/errata/");
    assertThat(driver.findElements(By.cssSelector(".badge.synthetic"))).as("a real OpenShift release has no synthetic badge").isEmpty();
    assertThat(driver.findElements(By.cssSelector(".badge.signature"))).as("no signatures served, none checked: no badge").isEmpty();
    waitFor(d -> !text("details-latest").contains("looking"));
    assertThat(text("details-latest")).matches("4\\.16\\.\\d+ in \\d+ updates?");
    assertThat(graphEdges()).as("the selected release's updates are drawn").isGreaterThan(0);
    browser.screenshot("channel");

    // Keyboard: an update in the details panel selects its target with Enter.
    WebElement next = driver.findElement(By.cssSelector("#details ul.updates button.release"));
    String target = next.getText();
    next.sendKeys(Keys.ENTER);
    waitFor(d -> text("details-version").equals(target));
  }

  @Test
  @Order(3)
  void findsAPathOnlyWhenItsRiskIsAccepted() throws Exception {
    driver.findElement(By.id("tab-path")).click();
    WebElement from = driver.findElement(By.id("from"));
    from.clear();
    from.sendKeys("4.15.20");
    WebElement to = driver.findElement(By.id("to"));
    to.clear();
    to.sendKeys("4.16.53");
    driver.findElement(By.id("path-go")).click();
    waitFor(d -> text("path-result").contains("not reachable") && exists("explain"));
    assertThat(text("cut")).contains("RuncShareProcessNamespace");
    assertThat(text("explain")).contains("4.15.20 → 4.16.53", "conditional", "RuncShareProcessNamespace");
    // The cut is drawn, not only listed: its updates in red on the graph.
    int cut = Integer.parseInt(driver.findElement(By.id("graph")).getDomAttribute("data-cut"));
    assertThat(cut).isPositive();
    assertThat(graphEdges()).isGreaterThanOrEqualTo(cut);
    assertThat(driver.findElement(By.id("legend")).getText()).contains("cuts the way");

    driver.findElement(By.cssSelector("#risks input[value='RuncShareProcessNamespace']")).click();
    driver.findElement(By.id("path-go")).click();
    waitFor(d -> text("path-verdict").contains("1 update"));
    assertThat(driver.findElement(By.id("graph")).getDomAttribute("data-cut")).isEqualTo("0");
    List<WebElement> hops = driver.findElements(By.cssSelector("#hops li"));
    assertThat(hops).hasSize(1);
    assertThat(hops.get(0).getText()).contains("4.15.20 → 4.16.53", "conditional", "RuncShareProcessNamespace");
    assertThat(graphEdges()).isGreaterThan(0);
  }

  @Test
  @Order(4)
  void drawsEveryHopOfAPathAroundTheReleasesItDoesNotJoin() throws Exception {
    // No accepted risk: from an early 4.14 the newest 4.16 is three hops away (4.14.51, 4.15.59, 4.16.55),
    // each across columns of other releases.
    driver.findElement(By.cssSelector("#risks input[value='RuncShareProcessNamespace']")).click();
    fill("from", "4.14.9");
    fill("to", "4.16.55");
    driver.findElement(By.id("path-go")).click();
    waitFor(d -> text("path-verdict").contains("updates"));
    List<WebElement> hops = driver.findElements(By.cssSelector("#hops li"));
    assertThat(hops).as("hops of %s", text("path-verdict")).hasSize(3);
    // Every drawn hop, sampled each model unit along its drawn line (end points and bends, as
    // Cytoscape renders a segments edge), must keep out of every release box but its two ends.
    @SuppressWarnings("unchecked")
    Map<String, Object> drawn = (Map<String, Object>) driver.executeScript("""
        const cy = document.getElementById('graph')._cyreg.cy;
        const boxes = cy.nodes().map((n) => ({ id: n.id(), label: n.data('label'), box: n.boundingBox({ includeLabels: false }) }));
        const problems = [];
        let samples = 0;
        const hops = cy.edges('.path');
        hops.forEach((edge) => {
          const line = [edge.sourceEndpoint(), ...(edge.segmentPoints() || []), edge.targetEndpoint()];
          if (!line.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))) problems.push(`${edge.id()} is not drawn: ${JSON.stringify(line)}`);
          const ends = [edge.source().id(), edge.target().id()];
          const name = `${edge.source().data('label')} -> ${edge.target().data('label')}`;
          for (let k = 1; k < line.length; k++) {
            const a = line[k - 1], b = line[k];
            const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y)));
            for (let i = 0; i <= steps; i++) {
              const x = a.x + (b.x - a.x) * i / steps, y = a.y + (b.y - a.y) * i / steps;
              samples++;
              for (const { id, label, box } of boxes) {
                if (!ends.includes(id) && x >= box.x1 && x <= box.x2 && y >= box.y1 && y <= box.y2) {
                  problems.push(`${name} passes over ${label} at (${x.toFixed(1)}, ${y.toFixed(1)})`);
                }
              }
            }
          }
        });
        return { hops: hops.length, samples, problems: [...new Set(problems)].slice(0, 20) };
        """);
    assertThat(((Number) drawn.get("hops")).intValue()).isEqualTo(hops.size());
    assertThat(((Number) drawn.get("samples")).intValue()).isGreaterThan(100);
    assertThat((List<?>) drawn.get("problems")).as("hops drawn over other releases").isEmpty();
    browser.screenshot("path");
  }

  @Test
  @Order(5)
  void hoversAnUpdateFromAFewPixelsOffItsLine() {
    // A point 12 screen pixels off the middle of a drawn segment of a hop, clear of every release
    // and at least 20 pixels from every other update: Cytoscape's own hit
    // area (half the line's width plus 8 pixels) does not reach it.
    @SuppressWarnings("unchecked")
    Map<String, Object> target = (Map<String, Object>) driver.executeScript("""
        const container = document.getElementById('graph');
        const cy = container._cyreg.cy;
        const bends = (e) => (e.style('curve-style') === 'segments' ? e.renderedSegmentPoints() || [] : []);
        const line = (e) => [e.renderedSourceEndpoint(), ...bends(e), e.renderedTargetEndpoint()];
        const distance = (p, a, b) => {
          const dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
          const t = l2 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2)) : 0;
          return Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y);
        };
        const near = (p, e) => Math.min(...line(e).slice(1).map((b, k) => distance(p, line(e)[k], b)));
        const onNode = (p) => cy.nodes().some((n) => {
          const b = n.renderedBoundingBox({ includeLabels: false });
          return p.x >= b.x1 - 4 && p.x <= b.x2 + 4 && p.y >= b.y1 - 4 && p.y <= b.y2 + 4;
        });
        const inView = (p) => p.x > 5 && p.y > 5 && p.x < container.clientWidth - 5 && p.y < container.clientHeight - 5;
        for (const edge of cy.edges().toArray()) {
          const points = line(edge);
          for (let k = 1; k < points.length; k++) {
            const a = points[k - 1], b = points[k];
            const length = Math.hypot(b.x - a.x, b.y - a.y);
            if (length < 30) continue;
            const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
            for (const side of [1, -1]) {
              const off = (d) => ({ x: Math.round(mid.x - side * d * (b.y - a.y) / length), y: Math.round(mid.y + side * d * (b.x - a.x) / length) });
              const p = off(12), far = off(40);
              const clear = (q, d) => inView(q) && !onNode(q) && cy.edges().every((o) => o === edge || near(q, o) > d);
              if (clear(p, 20) && clear(far, 20) && near(far, edge) > 30) {
                return { id: edge.id(), from: edge.source().data('label').split(' ')[0], to: edge.target().data('label').split(' ')[0],
                  width: edge.renderedStyle('width'), distance: near(p, edge),
                  dx: p.x - container.clientWidth / 2, dy: p.y - container.clientHeight / 2,
                  farDx: far.x - container.clientWidth / 2, farDy: far.y - container.clientHeight / 2 };
              }
            }
          }
        }
        return null;
        """);
    assertThat(target).as("an update with room around it").isNotNull();
    assertThat(((Number) target.get("distance")).doubleValue()).isGreaterThan(11);
    WebElement graph = driver.findElement(By.id("graph"));
    new Actions(driver).moveToElement(graph, offset(target, "farDx"), offset(target, "farDy")).perform();
    waitFor(d -> text("hover-info").isEmpty());
    new Actions(driver).moveToElement(graph, offset(target, "dx"), offset(target, "dy")).perform();
    String pair = target.get("from") + " → " + target.get("to");
    waitFor(d -> text("hover-info").startsWith(pair));
    assertThat(graph.getDomAttribute("data-hovered")).isEqualTo(target.get("id"));
    @SuppressWarnings("unchecked")
    String width = (String) driver.executeScript(
        "return document.getElementById('graph')._cyreg.cy.getElementById(arguments[0]).renderedStyle('width')", target.get("id"));
    assertThat(width).as("the hovered update's line keeps its width").isEqualTo(target.get("width"));
    // The hit area ends: far from every update, nothing is hovered.
    new Actions(driver).moveToElement(graph, offset(target, "farDx"), offset(target, "farDy")).perform();
    waitFor(d -> text("hover-info").isEmpty() && "".equals(graph.getDomAttribute("data-hovered")));
  }

  @Test
  @Order(6)
  void showsTheCoreOsStreamsWithBarriersAndRollouts() throws Exception {
    driver.findElement(By.id("tab-streams")).click();
    waitFor(d -> exists("stream-stable-x86_64") && exists("stream-next-aarch64"));
    for (String stream : List.of("stable", "testing", "next")) {
      for (String arch : List.of("x86_64", "aarch64")) {
        WebElement section = driver.findElement(By.id("stream-" + stream + "-" + arch));
        assertThat(section.findElements(By.cssSelector("tbody tr"))).as(stream + " " + arch).isNotEmpty();
        // The bundled index's checksums and digests are generated: said on every section, visibly.
        WebElement badge = section.findElement(By.cssSelector("h3 .badge.synthetic"));
        assertThat(badge.isDisplayed()).isTrue();
        assertThat(badge.getText()).isEqualTo("synthetic checksums");
        assertThat(badge.getDomAttribute("title")).contains("OSTree checksums, OCI image digests and architecture availability");
        assertThat(section.getText()).contains("Not real: OSTree checksums, OCI image digests and architecture availability");
      }
    }
    assertThat(text("streams")).contains("barrier", "Progress computed at");
    browser.screenshot("streams");
  }

  @Test
  @Order(7)
  void showsTheMoveFromFedoraCoreOsToCentOsStreamCoreOs() throws Exception {
    driver.findElement(By.id("tab-okd")).click();
    waitFor(d -> text("status").startsWith("stable-scos-4") && exists("okd-edges"));
    assertThat(graphNodes()).isGreaterThan(0);
    assertThat(text("okd-summary")).contains("fcos:", "scos:");
    assertThat(text("okd-edges"))
        .contains("fcos 4.15.0-0.okd-2024-03-10-010116 → scos 4.16.0-okd-scos.1: conditional", "OKDSCOSPivotExt4OrphanFile");
    WebElement synthetic = driver.findElement(By.id("okd-synthetic"));
    assertThat(synthetic.isDisplayed()).isTrue();
    assertThat(synthetic.getText()).startsWith("synthetic payloads").contains("payload digests of", "synthesized by Covington");
    browser.screenshot("okd");

    // In the channel view, an OKD release's details say its payload digest is not a real image.
    driver.findElement(By.id("tab-channel")).click();
    new Select(driver.findElement(By.id("channel"))).selectByValue("stable-scos-4");
    waitFor(d -> text("status").startsWith("stable-scos-4") && driver.findElement(By.id("search")).isDisplayed());
    WebElement search = driver.findElement(By.id("search"));
    search.clear();
    search.sendKeys("4.16.0-okd-scos.1", Keys.ENTER);
    waitFor(d -> text("details-version").equals("4.16.0-okd-scos.1"));
    WebElement badge = driver.findElement(By.cssSelector("#details-payload .badge.synthetic"));
    assertThat(badge.isDisplayed()).isTrue();
    assertThat(badge.getText()).isEqualTo("synthetic payload");
    assertThat(text("details-payload")).contains("@sha256:");
  }

  @Test
  @Order(8)
  void plansTheEusRouteWithItsCommandsAndCopiesThem() throws Exception {
    driver.findElement(By.id("tab-plan")).click();
    waitFor(d -> driver.findElement(By.id("plan-view")).isDisplayed());
    assertThat(driver.findElement(By.id("graph")).isDisplayed()).isFalse();
    fill("plan-from", "4.14.30");
    fill("plan-to", "4.16");
    new Select(driver.findElement(By.id("plan-route"))).selectByValue("eus");
    driver.findElement(By.id("plan-go")).click();
    waitFor(d -> text("plan-verdict").contains("2 updates"));
    List<WebElement> rows = driver.findElements(By.cssSelector("#plan-steps tbody tr"));
    assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r.getText()).contains("eus-4.16", "paused"));
    assertThat(text("plan-result")).contains("worker pools run 4.14.30 → 4.16.");
    List<WebElement> commands = driver.findElements(By.cssSelector("#plan-commands li"));
    assertThat(commands.get(0).getText()).contains("oc patch mcp/worker", "\"paused\":true");
    assertThat(commands.get(commands.size() - 1).getText()).contains("\"paused\":false");
    assertThat(text("plan-commands")).contains("oc adm upgrade channel eus-4.16", "oc adm upgrade --to 4.16.");
    WebElement copy = commands.get(0).findElement(By.cssSelector("button.copy"));
    copy.click();
    waitFor(d -> copy.getDomAttribute("data-copied") != null);
    browser.screenshot("plan");

    // A target that needs a risk names the newer release that does not.
    new Select(driver.findElement(By.id("plan-route"))).selectByValue("standard");
    fill("plan-from", "4.15.20");
    fill("plan-to", "4.16.53");
    driver.findElement(By.id("plan-go")).click();
    waitFor(d -> exists("plan-newer"));
    assertThat(text("plan-verdict")).contains("not reachable");
    assertThat(text("plan-newer")).contains("4.16.55", "without accepting any risk");
    assertThat(text("plan-cut")).contains("RuncShareProcessNamespace");

    // Accepting the risk opens the conditional update, run with --allow-not-recommended. (A misspelt
    // risk is a 400 that PlanApiTest checks: here it would be a console error of the browser.)
    fill("plan-risks", "RuncShareProcessNamespace");
    driver.findElement(By.id("plan-go")).click();
    waitFor(d -> !driver.findElement(By.id("error")).isDisplayed() && text("plan-verdict").contains("1 update"));
    assertThat(text("plan-commands")).contains("oc adm upgrade --to 4.16.53 --allow-not-recommended");
  }

  @Test
  @Order(9)
  void listsTheChangesWithTheChannelsFeed() throws Exception {
    driver.findElement(By.id("tab-changes")).click();
    waitFor(d -> exists("changes-empty"));
    assertThat(text("changes-empty")).contains("each reload that changes a channel");
    assertThat(driver.findElement(By.id("changes-feed")).getDomAttribute("href")).isEqualTo("/api/upgrades_info/v1/changes.atom");
    new Select(driver.findElement(By.id("changes-channel"))).selectByValue("stable-4.16");
    waitFor(d -> driver.findElement(By.id("changes-feed")).getDomAttribute("href").endsWith("?channel=stable-4.16"));
    browser.screenshot("changes");
  }

  @Test
  @Order(10)
  void followsTheHashWithinOneTab() {
    browser.driver.executeScript("location.hash = '#streams'");
    waitFor(d -> "true".equals(d.findElement(By.id("tab-streams")).getDomAttribute("aria-selected"))
        && driver.findElement(By.id("streams-view")).isDisplayed());
    browser.driver.executeScript("location.hash = '#okd'");
    waitFor(d -> "true".equals(d.findElement(By.id("tab-okd")).getDomAttribute("aria-selected"))
        && text("status").startsWith("stable-scos-4") && driver.findElement(By.id("graph")).isDisplayed());
    browser.driver.executeScript("location.hash = '#plan'");
    waitFor(d -> driver.findElement(By.id("plan-view")).isDisplayed());
    browser.driver.executeScript("location.hash = '#channel'");
    waitFor(d -> "true".equals(d.findElement(By.id("tab-channel")).getDomAttribute("aria-selected"))
        && driver.findElement(By.id("graph")).isDisplayed() && graphNodes() > 0);
    // A channel can be linked to, and the channel view's address names the channel shown.
    browser.driver.executeScript("location.hash = '#channel=fast-4.14'");
    waitFor(d -> text("status").startsWith("fast-4.14 on amd64"));
    assertThat(new Select(driver.findElement(By.id("channel"))).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("fast-4.14");
    new Select(driver.findElement(By.id("channel"))).selectByValue("stable-4.15");
    waitFor(d -> text("status").startsWith("stable-4.15 on amd64"));
    assertThat((String) browser.driver.executeScript("return location.hash")).isEqualTo("#channel=stable-4.15");
    driver.get(origin + "/#channel=eus-4.14");
    waitFor(d -> text("status").startsWith("eus-4.14 on amd64"));
  }

  @Test
  @Order(11)
  void groupsChannelsByFamilyOffersOnlyServedArchitecturesAndMarksTheNewest() {
    // The bundled data has amd64 releases only: no architecture without data is offered.
    assertThat(new Select(driver.findElement(By.id("arch"))).getOptions()).extracting(WebElement::getText).containsExactly("amd64");
    List<String> groups = driver.findElements(By.cssSelector("#channel optgroup")).stream().map(g -> g.getDomAttribute("label")).toList();
    assertThat(groups.subList(0, 4)).containsExactly("stable", "fast", "eus", "candidate");
    List<String> candidates = driver.findElements(By.cssSelector("#channel optgroup[label=candidate] option")).stream()
        .map(o -> o.getDomAttribute("value")).toList();
    assertThat(candidates).containsSubsequence("candidate-4.2", "candidate-4.9", "candidate-4.10", "candidate-4.18");

    new Select(driver.findElement(By.id("channel"))).selectByValue("stable-4.16");
    waitFor(d -> text("status").startsWith("stable-4.16 on amd64"));
    assertThat(driver.findElement(By.id("graph")).getDomAttribute("data-newest")).isEqualTo("4.16.55");
    assertThat(driver.findElement(By.id("legend")).getText()).contains("newest in this channel");

    WebElement search = driver.findElement(By.id("search"));
    search.sendKeys("4.15.20", Keys.ENTER);
    waitFor(d -> text("details-version").equals("4.15.20"));
    assertThat(driver.findElement(By.id("graph")).getDomAttribute("data-found")).isNotEqualTo("0");
    List<String> downloads = driver.findElements(By.cssSelector("#details-downloads a")).stream().map(a -> a.getDomAttribute("href")).toList();
    assertThat(downloads).contains("https://mirror.openshift.com/pub/openshift-v4/clients/ocp/4.15.20/openshift-client-linux.tar.gz",
        "https://mirror.openshift.com/pub/openshift-v4/clients/ocp/4.15.20/openshift-install-linux.tar.gz");
    // A search's highlights do not follow the user into another view and back.
    driver.findElement(By.id("tab-path")).click();
    driver.findElement(By.id("tab-channel")).click();
    waitFor(d -> "true".equals(d.findElement(By.id("tab-channel")).getDomAttribute("aria-selected")));
    assertThat(driver.findElement(By.id("graph")).getDomAttribute("data-found")).isEqualTo("0");
    assertThat(driver.findElement(By.id("search")).getDomProperty("value")).isEmpty();
  }

  @Test
  @Order(12)
  void neverRequestsAnythingOutsideTheServersOrigin() {
    List<String> urls = browser.requestedUrls();
    assertThat(urls).as("requests seen").isNotEmpty().allMatch(url -> url.startsWith(origin + "/"), "on " + origin);
    @SuppressWarnings("unchecked")
    List<String> resources =
        (List<String>) browser.driver.executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
    assertThat(resources).isNotEmpty().allMatch(url -> url.startsWith(origin + "/"), "on " + origin);
    assertThat(urls).anyMatch(url -> url.contains("/dashboard/vendor/cytoscape.min.js"));
  }

  private void waitFor(Function<WebDriver, Boolean> condition) {
    // A view replaces its result while it is read (the plan's verdict is re-rendered on each
    // answer): an element found just before that is stale, and the next try reads the new one.
    new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> {
      browser.drainLogs();
      return condition.apply(d);
    });
  }

  private static int offset(Map<String, Object> target, String key) {
    return (int) Math.round(((Number) target.get(key)).doubleValue());
  }

  private void fill(String id, String value) {
    WebElement input = driver.findElement(By.id(id));
    input.clear();
    input.sendKeys(value);
  }

  private String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  private boolean exists(String id) {
    return !driver.findElements(By.id(id)).isEmpty();
  }

  private int graphNodes() {
    String value = driver.findElement(By.id("graph")).getDomAttribute("data-nodes");
    return value == null ? 0 : Integer.parseInt(value);
  }

  private int graphEdges() {
    String value = driver.findElement(By.id("graph")).getDomAttribute("data-edges");
    return value == null ? 0 : Integer.parseInt(value);
  }
}
