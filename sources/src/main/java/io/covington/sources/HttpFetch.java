package io.covington.sources;

import io.covington.graph.input.BoundedInput;
import io.covington.graph.input.InputLimits;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Conditional GETs of one URL: remembers the last {@code ETag} and asks with {@code
 * If-None-Match}, so an unchanged document costs a 304 and no download. Every fetch is bounded:
 * the whole exchange, body included, must end within the deadline (a server that trickles its body
 * is cut off, not waited for), and the body may have at most the byte limit, counted as it arrives.
 */
public final class HttpFetch {

  /** How long connecting may take. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The default deadline of one whole fetch, body included. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();

  /** Cuts off bodies that are still arriving at their deadline. */
  private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "covington-fetch-deadlines");
    thread.setDaemon(true);
    return thread;
  });

  /** A downloaded body and its revision: the ETag when the server sends one, else a content hash. */
  public record Body(byte[] bytes, String revision) {}

  private final String url;
  private final String accept;
  private final Duration deadline;
  private final long maxBytes;
  private Optional<String> etag = Optional.empty();

  /** Fetches within {@link #DEFAULT_DEADLINE} and {@link InputLimits#DEFAULT}'s document size. */
  public HttpFetch(String url, String accept) {
    this(url, accept, DEFAULT_DEADLINE, InputLimits.DEFAULT.maxDocumentBytes());
  }

  /**
   * @param deadline how long one whole fetch, body included, may take
   * @param maxBytes the largest body accepted
   */
  public HttpFetch(String url, String accept, Duration deadline, long maxBytes) {
    this.url = url;
    this.accept = accept;
    this.deadline = deadline;
    this.maxBytes = maxBytes;
  }

  /**
   * The new body, or empty when the server says it has not changed since the last one.
   *
   * @throws IOException when the URL cannot be reached, answers other than 200, or does not send
   *     its whole body within the deadline
   * @throws InvalidInputException when the URL is malformed or the body is larger than the limit
   */
  public Optional<Body> fetch() throws IOException, InterruptedException, InvalidInputException {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(deadline).header("Accept", accept).GET();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(List.of(LoadProblem.of(url, "invalid_url", e.getMessage())));
    }
    etag.ifPresent(tag -> request.header("If-None-Match", tag));
    long start = System.nanoTime();
    HttpResponse<InputStream> response;
    try {
      response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw new IOException(url + ": " + NetworkFailure.describe(e, URI.create(url))
          + " after " + CONNECT_TIMEOUT.toSeconds() + " s", e);
    } catch (HttpTimeoutException e) {
      throw new IOException(url + " did not answer within " + deadline.toSeconds() + " s (--fetch-timeout)", e);
    } catch (IOException e) {
      throw new IOException(url + ": " + NetworkFailure.describe(e, URI.create(url)), e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() == 304 && etag.isPresent()) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new IOException(url + " answered HTTP status " + response.statusCode() + " (expected 200)");
      }
      OptionalLong length = response.headers().firstValueAsLong("Content-Length");
      if (length.isPresent() && length.getAsLong() > maxBytes) {
        throw tooLarge(length.getAsLong() + " bytes");
      }
      byte[] bytes = readWithin(body, deadline.minusNanos(System.nanoTime() - start));
      etag = response.headers().firstValue("ETag");
      String revision = etag.map(t -> "etag-" + t.replaceAll("[^A-Za-z0-9._-]", "")).orElseGet(() -> "sha256-" + hash(bytes));
      return Optional.of(new Body(bytes, revision));
    }
  }

  /** The body, read until its end, the byte limit or the deadline, whichever comes first. */
  private byte[] readWithin(InputStream body, Duration left) throws IOException, InvalidInputException {
    AtomicBoolean cutOff = new AtomicBoolean();
    ScheduledFuture<?> watchdog = DEADLINES.schedule(() -> {
      cutOff.set(true);
      try {
        body.close();
      } catch (IOException e) {
        // The reader sees the stream closed either way.
      }
    }, Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
    try {
      return BoundedInput.readAll(body, maxBytes, url);
    } catch (BoundedInput.TooLarge e) {
      throw tooLarge("more than that");
    } catch (IOException e) {
      if (cutOff.get()) {
        throw new IOException(url + " did not send its whole body within " + deadline.toSeconds()
            + " s; cut off (a server that trickles is not waited for)", e);
      }
      throw e;
    } finally {
      watchdog.cancel(false);
    }
  }

  private InvalidInputException tooLarge(String size) {
    return new InvalidInputException(List.of(LoadProblem.of(url, "document_too_large",
        "the body is " + size + ", more than the " + InputLimits.size(maxBytes) + " accepted (--max-download-size)")));
  }

  /** Forgets the ETag, so the next fetch downloads again (after the last body turned out unusable). */
  public void forget() {
    etag = Optional.empty();
  }

  static String hash(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
