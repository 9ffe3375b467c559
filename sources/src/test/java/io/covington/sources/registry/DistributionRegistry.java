package io.covington.sources.registry;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A real OCI distribution registry (Debian's {@code docker-registry}, distribution 2.8) started for a
 * test on a free loopback port, with its storage in a temporary folder. CI installs the package
 * ({@code .ci/install-deps.sh}); a missing binary fails the test instead of skipping it, so the
 * registry tests can never silently not run.
 */
public final class DistributionRegistry implements AutoCloseable {

  static final String BINARY = System.getenv().getOrDefault("COVINGTON_REGISTRY_BIN", "/usr/bin/docker-registry");

  private final Process process;
  private final int port;
  private final boolean tls;
  private final Path log;

  private DistributionRegistry(Process process, int port, boolean tls, Path log) {
    this.process = process;
    this.port = port;
    this.tls = tls;
    this.log = log;
  }

  /** TLS material and htpasswd file for a secured registry. */
  public record Security(Path certificate, Path key, Path htpasswd, SSLContext clientTrust) {}

  public static DistributionRegistry start(Path dir) throws Exception {
    return start(dir, Optional.empty());
  }

  public static DistributionRegistry start(Path dir, Optional<Security> security) throws Exception {
    if (!Files.isExecutable(Path.of(BINARY))) {
      fail("the OCI distribution registry binary " + BINARY + " is missing: install Debian's docker-registry package"
          + " (apt-get install -y docker-registry; .ci/install-deps.sh does it) or set COVINGTON_REGISTRY_BIN");
    }
    int port = freePort();
    Path storage = Files.createDirectories(dir.resolve("storage"));
    StringBuilder config = new StringBuilder()
        .append("version: 0.1\n")
        .append("log:\n  level: info\n  accesslog:\n    disabled: false\n")
        .append("storage:\n  filesystem:\n    rootdirectory: ").append(storage).append("\n  delete:\n    enabled: true\n")
        .append("http:\n  addr: 127.0.0.1:").append(port).append("\n  secret: covington-test-secret\n");
    security.ifPresent(s -> config
        .append("  tls:\n    certificate: ").append(s.certificate()).append("\n    key: ").append(s.key()).append('\n')
        .append("auth:\n  htpasswd:\n    realm: covington-test\n    path: ").append(s.htpasswd()).append('\n'));
    Path configFile = Files.writeString(dir.resolve("config.yml"), config.toString());
    Path log = dir.resolve("registry.log");
    Process process = new ProcessBuilder(BINARY, "serve", configFile.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    DistributionRegistry registry = new DistributionRegistry(process, port, security.isPresent(), log);
    registry.awaitReady(security.map(Security::clientTrust));
    return registry;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady(Optional<SSLContext> trust) throws Exception {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
    trust.ifPresent(builder::sslContext);
    HttpClient client = builder.build();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("the registry exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        int code = client.send(HttpRequest.newBuilder(URI.create(url() + "/v2/")).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode();
        if (code == 200 || code == 401) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    fail("the registry did not answer within 20 s:\n" + Files.readString(log));
  }

  /** {@code 127.0.0.1:PORT}, as in pull specs. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public String url() {
    return (tls ? "https://" : "http://") + host();
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
