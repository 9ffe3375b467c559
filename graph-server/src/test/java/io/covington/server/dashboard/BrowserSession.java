package io.covington.server.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The system Chromium (Debian's {@code chromium} and {@code chromium-driver}) in headless mode,
 * with its console messages and every network request it makes collected for assertions. Both
 * binaries are named explicitly, so Selenium Manager downloads nothing; a missing one fails the
 * test with the command that installs it.
 */
final class BrowserSession implements AutoCloseable {

  static final Path CHROMIUM = Path.of(System.getProperty("covington.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("covington.chromedriver", "/usr/bin/chromedriver"));
  private static final ObjectMapper JSON = new ObjectMapper();

  final ChromeDriver driver;
  private final Path profile;
  private final List<String> consoleProblems = new ArrayList<>();
  private final List<String> requestedUrls = new ArrayList<>();

  private BrowserSession(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  static BrowserSession start() throws IOException {
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        throw new AssertionError(binary + " is missing: the dashboard's browser tests need the system Chromium and its "
            + "driver. Install them with .ci/install-deps.sh (apt-get install -y chromium chromium-driver), or point "
            + "-Dcovington.chromium and -Dcovington.chromedriver at them.");
      }
    }
    Path profile = Files.createTempDirectory("covington-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-default-apps", "--disable-extensions", "--window-size=1440,900",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    return new BrowserSession(driver, profile);
  }

  /** Reads the browser's logs collected since the last call into this session's lists. */
  void drainLogs() {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        consoleProblems.add(entry.getMessage());
      }
    }
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      try {
        JsonNode message = JSON.readTree(entry.getMessage()).path("message");
        if (message.path("method").asText().equals("Network.requestWillBeSent")) {
          String document = message.path("params").path("documentURL").asText();
          // The browser's own new-tab page (chrome://…, before the first navigation) loads its
          // internal resources; they never reach a network and are not the dashboard's.
          if (!document.startsWith("chrome://")) {
            requestedUrls.add(message.path("params").path("request").path("url").asText());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Console errors (level SEVERE) seen so far. */
  List<String> consoleProblems() {
    drainLogs();
    return List.copyOf(consoleProblems);
  }

  /**
   * Every URL requested so far by pages other than the browser's own {@code chrome://} ones, from the
   * DevTools network events.
   */
  List<String> requestedUrls() {
    drainLogs();
    return List.copyOf(requestedUrls);
  }

  void screenshot(String name) throws IOException {
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), png);
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      deleteRecursively(profile.toFile());
    }
  }

  private static void deleteRecursively(File file) {
    File[] children = file.listFiles();
    if (children != null) {
      for (File child : children) {
        deleteRecursively(child);
      }
    }
    if (!file.delete() && file.exists()) {
      file.deleteOnExit();
    }
  }
}
