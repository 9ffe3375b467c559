package io.covington.server.load;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Fetches an input document over http(s). Blocks: call it on a worker thread. */
public final class HttpFetch {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();

  private HttpFetch() {}

  /**
   * The body of {@code GET url}.
   *
   * @throws InvalidInputException naming the URL when it is malformed, unreachable or answers
   *     other than 200
   */
  public static byte[] get(String url, String accept) throws InvalidInputException, InterruptedException {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", accept).GET().build();
    } catch (IllegalArgumentException e) {
      throw problem(url, "invalid_url", e.getMessage());
    }
    try {
      HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw problem(url, "fetch_failed", "HTTP status " + response.statusCode() + " (expected 200)");
      }
      return response.body();
    } catch (IOException e) {
      throw problem(url, "fetch_failed", e.toString());
    }
  }

  private static InvalidInputException problem(String source, String kind, String message) {
    return new InvalidInputException(List.of(LoadProblem.of(source, kind, message)));
  }
}
