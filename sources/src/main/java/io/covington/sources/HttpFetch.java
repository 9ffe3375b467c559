package io.covington.sources;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Conditional GETs of one URL: remembers the last {@code ETag} and asks with {@code
 * If-None-Match}, so an unchanged document costs a 304 and no download.
 */
public final class HttpFetch {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();

  /** A downloaded body and its revision: the ETag when the server sends one, else a content hash. */
  public record Body(byte[] bytes, String revision) {}

  private final String url;
  private final String accept;
  private Optional<String> etag = Optional.empty();

  public HttpFetch(String url, String accept) {
    this.url = url;
    this.accept = accept;
  }

  /** The new body, or empty when the server says it has not changed since the last one. */
  public Optional<Body> fetch() throws IOException, InterruptedException, InvalidInputException {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", accept).GET();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(List.of(LoadProblem.of(url, "invalid_url", e.getMessage())));
    }
    etag.ifPresent(tag -> request.header("If-None-Match", tag));
    HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() == 304 && etag.isPresent()) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new IOException(url + " answered HTTP status " + response.statusCode() + " (expected 200)");
    }
    etag = response.headers().firstValue("ETag");
    String revision = etag.map(t -> "etag-" + t.replaceAll("[^A-Za-z0-9._-]", "")).orElseGet(() -> "sha256-" + hash(response.body()));
    return Optional.of(new Body(response.body(), revision));
  }

  /** Forgets the ETag, so the next fetch downloads again (after the last body turned out unusable). */
  public void forget() {
    etag = Optional.empty();
  }

  /**
   * One unconditional GET, for inputs read once.
   *
   * @throws InvalidInputException naming the URL when it is malformed, unreachable or answers
   *     other than 200
   */
  public static byte[] get(String url, String accept) throws InvalidInputException, InterruptedException {
    try {
      return new HttpFetch(url, accept).fetch().orElseThrow().bytes();
    } catch (IOException e) {
      throw new InvalidInputException(List.of(LoadProblem.of(url, "fetch_failed", e.getMessage() == null ? e.toString() : e.getMessage())));
    }
  }

  static String hash(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
