package io.covington.server.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server in a JVM of its own, started the way the container image starts it (the pod's memory
 * limit, the image's JVM flags, exit on OutOfMemoryError), to show that no input ends the process.
 */
final class ChildServer implements AutoCloseable {

  /**
   * The container image's JVM options, read from {@code deploy/Containerfile}, under the memory
   * limit of {@code deploy/k8s/base/deployment.yaml} (as {@code -XX:MaxRAM}, which is what the JVM
   * reads from the pod's cgroup).
   */
  static List<String> imageJvm() throws IOException {
    Path deploy = Path.of("..", "deploy");
    Matcher options = Pattern.compile("(?m)^ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(Files.readString(deploy.resolve("Containerfile")));
    Matcher memory = Pattern.compile("(?m)^\\s+memory: (\\d+)Mi\\s*$").matcher(Files.readString(deploy.resolve("k8s/base/deployment.yaml")));
    if (!options.find() || !memory.find()) {
      throw new IllegalStateException("deploy/Containerfile has no JAVA_TOOL_OPTIONS or the deployment no memory limit");
    }
    List<String> jvm = new ArrayList<>(List.of("-XX:MaxRAM=" + memory.group(1) + "m"));
    jvm.addAll(List.of(options.group(1).trim().split("\\s+")));
    return jvm;
  }

  private static final Pattern LISTENING = Pattern.compile("graph API on http://[^:]+:(\\d+)\\S*, status on port (\\d+)");

  final Process process;
  private final StringBuilder log = new StringBuilder();
  private final CompletableFuture<int[]> ports = new CompletableFuture<>();

  private ChildServer(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          synchronized (log) {
            log.append(line).append('\n');
          }
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            ports.complete(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
          }
        }
      } catch (IOException e) {
        // the process ended
      }
      ports.completeExceptionally(new IllegalStateException("the server exited before listening:\n" + log()));
    });
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code io.covington.server.Main} with {@code args} on free ports, under {@code prefix}
   * (e.g. a shell setting a resource limit, or a change of user) when not empty.
   *
   * @param classpath the classpath the child runs with
   */
  static ChildServer start(List<String> prefix, String classpath, String... args) throws Exception {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(imageJvm());
    command.addAll(List.of("-cp", classpath, "io.covington.server.Main", "--port", "0", "--status-port", "0", "--bind", "127.0.0.1"));
    command.addAll(List.of(args));
    ChildServer child = new ChildServer(new ProcessBuilder(command).redirectErrorStream(true).start());
    child.ports.get(60, TimeUnit.SECONDS);
    return child;
  }

  /** The test's own classpath, as surefire runs it. */
  static String testClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  URI api(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + ports.join()[0] + "/api/upgrades_info" + pathAndQuery);
  }

  URI status(String path) {
    return URI.create("http://127.0.0.1:" + ports.join()[1] + path);
  }

  String log() {
    synchronized (log) {
      return log.toString();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
