package io.covington.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few requests made before the load starts (the probes and the {@link Survey}): one at a
 * time, each awaited, on a client of their own so that none of them is measured.
 */
final class ProbeClient {

  /** A response: its status and its whole body. */
  record Answer(int status, String body) {}

  private final URI target;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  ProbeClient(URI target) {
    this.target = target;
  }

  /** The server's base URL, for messages. */
  URI target() {
    return target;
  }

  /**
   * GET {@code pathAndQuery} with {@code Accept: application/json}.
   *
   * @throws IllegalStateException when the server cannot be reached, naming the URL
   */
  Answer get(String pathAndQuery) throws InterruptedException {
    int port = target.getPort() > 0 ? target.getPort() : 80;
    URI uri = URI.create("http://" + target.getHost() + ":" + port + pathAndQuery);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
        .GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + uri + ": " + e);
    }
  }
}
