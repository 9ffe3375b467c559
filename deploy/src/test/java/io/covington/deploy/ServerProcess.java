package io.covington.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code covington.jar} started as a separate process the way the Containerfile starts it: its
 * ENTRYPOINT and CMD with the image's paths mapped to this machine's (the JVM running the tests,
 * the jar graph-server built), and its ENV plus the given variables.
 */
final class ServerProcess implements AutoCloseable {

  static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  /** The line the server logs once both ports listen. */
  private static final Pattern LISTENING =
      Pattern.compile("graph API on http://[^:/]+:(\\d+)(\\S*)/v1/graph, status on port (\\d+)");

  final Process process;
  private final StringBuffer log = new StringBuffer();
  private final CompletableFuture<Matcher> listening = new CompletableFuture<>();

  private ServerProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readLog, "covington-log-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts the image's command with its ENV, then {@code environment} on top. Variables of the
   * test's own environment that would configure the server are removed first.
   */
  static ServerProcess start(Containerfile image, Map<String, String> environment) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(hostCommand(image)).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("COVINGTON_") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
    env.putAll(image.env());
    if (env.containsKey("COVINGTON_PARSE_CACHE")) {
      // The image's cache is recorded at build time, inside the image: here, an empty one of the test's own.
      env.put("COVINGTON_PARSE_CACHE", Files.createTempDirectory("covington-parsed").toString());
    }
    env.putAll(environment);
    return new ServerProcess(builder.start());
  }

  /** The image's command with its paths replaced by this machine's; fails on a path it cannot map. */
  static List<String> hostCommand(Containerfile image) {
    Map<String, String> paths = new HashMap<>();
    paths.put(image.entrypoint().get(0), Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String workdir = image.buildWorkdir().endsWith("/") ? image.buildWorkdir() : image.buildWorkdir() + "/";
    image.copies().forEach((destination, source) -> {
      if (!source.startsWith(workdir)) {
        throw new IllegalArgumentException("Containerfile: COPY --from=build of " + source + ", outside " + workdir);
      }
      Path built = Paths.root().resolve(source.substring(workdir.length()));
      if (!Files.isRegularFile(built)) {
        throw new IllegalStateException(built + " is missing: build it first (mvn -B verify builds graph-server before deploy)");
      }
      paths.put(destination, built.toString());
    });
    List<String> command = new ArrayList<>();
    for (String word : image.command()) {
      if (word.startsWith("/") && !paths.containsKey(word)) {
        throw new IllegalArgumentException("Containerfile: the command names " + word + ", which no COPY --from=build provides");
      }
      command.add(paths.getOrDefault(word, word));
    }
    return command;
  }

  private void readLog() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        log.append(line).append('\n');
        Matcher matcher = LISTENING.matcher(line);
        if (matcher.find()) {
          listening.complete(matcher);
        }
      }
    } catch (IOException e) {
      listening.completeExceptionally(e);
    }
    listening.completeExceptionally(new IllegalStateException("the server exited before listening:\n" + log));
  }

  private Matcher ports() {
    try {
      return listening.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the server did not report its ports: " + e + "\n" + log, e);
    }
  }

  int apiPort() {
    return Integer.parseInt(ports().group(1));
  }

  String pathPrefix() {
    return ports().group(2);
  }

  int statusPort() {
    return Integer.parseInt(ports().group(3));
  }

  URI api(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + apiPort() + pathPrefix() + pathAndQuery);
  }

  /** A path on the API port outside the OpenShift prefix, e.g. the CoreOS API's. */
  URI apiRoot(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + apiPort() + pathAndQuery);
  }

  URI status(String path) {
    return URI.create("http://127.0.0.1:" + statusPort() + path);
  }

  String log() {
    return log.toString();
  }

  /** Waits until {@code /readiness} answers 200. */
  ServerProcess awaitReady(Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + log);
      }
      try {
        if (get(status("/readiness")).statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // the port is not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("not ready after " + timeout + ":\n" + log);
  }

  static HttpResponse<byte[]> get(URI uri, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
