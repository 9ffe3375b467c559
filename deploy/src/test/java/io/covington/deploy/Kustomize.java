package io.covington.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize}, the way {@code kubectl apply -k} does:
 * the kubectl on the PATH, or the one {@code $KUBECTL} names. Each directory is rendered once
 * per test run.
 */
final class Kustomize {

  private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();

  private Kustomize() {}

  static String kubectl() {
    String configured = System.getenv("KUBECTL");
    return configured == null || configured.isBlank() ? "kubectl" : configured;
  }

  /** The YAML stream kustomize builds from {@code directory}. */
  static String render(Path directory) {
    return RENDERED.computeIfAbsent(directory.toAbsolutePath().normalize(), Kustomize::run);
  }

  private static String run(Path directory) {
    List<String> command = List.of(kubectl(), "kustomize", directory.toString());
    try {
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
      process.getOutputStream().close();
      // kustomize writes its YAML in one go at the end; reading stdout to EOF cannot deadlock
      // on stderr's few deprecation warnings.
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + err);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run " + String.join(" ", command) + " (" + e.getMessage() + "): install kubectl"
              + " (Debian: apt-get install kubernetes-client) or point $KUBECTL at one", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
