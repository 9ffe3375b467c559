package io.covington.loadtest;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * One event loop's share of the schedule: it sends requests {@code k * lanes + index} of the
 * step's arrival sequence, each at its scheduled time (checked every millisecond), over its own
 * connection pool. All its state is touched only on its event loop.
 */
final class Lane extends AbstractVerticle {

  /** What a lane measured in one step. */
  record Result(long scheduled, long completed, long bytes, long lastCompletionNanos, Map<Integer, Long> statuses,
      Map<String, Long> errors, Histogram latency) {}

  private final URI target;
  private final int index;
  private final int lanes;
  private final int connections;
  private final long timeoutMillis;
  private final int maxInFlight;
  private final RequestMix mix;
  private final SplittableRandom random;
  private final Map<String, String> validators = new HashMap<>();
  private HttpClient client;

  private long periodNanos;
  private long firstNanos;
  private long endNanos;
  private long nextSeq;
  private long inFlight;
  private long scheduled;
  private long completed;
  private long lastCompletion;
  private long bytes;
  private Map<Integer, Long> statuses;
  private Map<String, Long> errors;
  private Histogram latency;
  private Promise<Result> done;
  private long timer = -1;

  Lane(URI target, int index, int lanes, int connections, long timeoutMillis, int maxInFlight, RequestMix mix,
      long seed) {
    this.target = target;
    this.index = index;
    this.lanes = lanes;
    this.connections = connections;
    this.timeoutMillis = timeoutMillis;
    this.maxInFlight = maxInFlight;
    this.mix = mix;
    this.random = new SplittableRandom(seed * 31 + index);
  }

  @Override
  public void start() {
    int port = target.getPort() > 0 ? target.getPort() : 80;
    client = vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost(target.getHost()).setDefaultPort(port).setKeepAlive(true)
            .setTcpNoDelay(true).setConnectTimeout((int) timeoutMillis),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /** Runs one step on this lane's event loop; {@code rate} is the whole generator's. */
  Future<Result> step(int rate, long startNanos, long durationNanos) {
    Promise<Result> promise = Promise.promise();
    context.runOnContext(v -> {
      periodNanos = Math.max(1, Math.round(1e9 * lanes / rate));
      firstNanos = startNanos + Math.round(1e9 * index / rate);
      endNanos = startNanos + durationNanos;
      nextSeq = 0;
      scheduled = 0;
      completed = 0;
      lastCompletion = startNanos;
      bytes = 0;
      statuses = new HashMap<>();
      errors = new HashMap<>();
      latency = new Histogram(3);
      done = promise;
      timer = vertx.setPeriodic(1, id -> tick());
    });
    return promise.future();
  }

  private void tick() {
    long now = System.nanoTime();
    while (true) {
      long due = firstNanos + nextSeq * periodNanos;
      if (due >= endNanos) {
        vertx.cancelTimer(timer);
        finishWhenDrained(now);
        return;
      }
      if (due > now) {
        return;
      }
      nextSeq++;
      scheduled++;
      send(due);
    }
  }

  private void finishWhenDrained(long since) {
    if (inFlight == 0 || System.nanoTime() - since > (timeoutMillis + 1000) * 1_000_000L) {
      done.complete(new Result(scheduled, completed, bytes, lastCompletion, statuses, errors, latency));
    } else {
      vertx.setTimer(5, id -> finishWhenDrained(since));
    }
  }

  private void send(long scheduledNanos) {
    PlannedRequest planned = mix.next(random);
    if (inFlight >= maxInFlight) {
      errors.merge("overload", 1L, Long::sum);
      return;
    }
    inFlight++;
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(planned.uri())
        .setIdleTimeout(timeoutMillis);
    planned.headers().forEach(options::putHeader);
    String key = planned.validatorKey();
    if (!key.isEmpty()) {
      String etag = validators.get(key);
      if (etag != null) {
        options.putHeader(HttpHeaders.IF_NONE_MATCH, etag);
      }
    }
    client.request(options)
        .compose(request -> request.send())
        // Bodies are counted and dropped, not aggregated: copying 500 KB graphs into one buffer
        // per response made the generator, not the server, the bottleneck.
        .compose(response -> {
          response.handler(chunk -> bytes += chunk.length());
          return response.end().map(v -> response);
        })
        .onComplete(ar -> {
          inFlight--;
          long end = System.nanoTime();
          if (ar.failed()) {
            errors.merge(kind(ar.cause()), 1L, Long::sum);
            return;
          }
          completed++;
          lastCompletion = Math.max(lastCompletion, end);
          long micros = Math.max(0, (end - scheduledNanos) / 1000);
          latency.recordValue(micros);
          int status = ar.result().statusCode();
          statuses.merge(status, 1L, Long::sum);
          if (micros > timeoutMillis * 1000) {
            errors.merge("timeout", 1L, Long::sum);
          } else if (status >= 500) {
            errors.merge("5xx", 1L, Long::sum);
          } else if (!planned.expected().contains(status)) {
            errors.merge("unexpected_status", 1L, Long::sum);
          }
          String etag = ar.result().getHeader(HttpHeaders.ETAG);
          if (!key.isEmpty() && etag != null) {
            validators.put(key, etag);
          }
        });
  }

  static String kind(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t.getClass().getSimpleName().startsWith("Connect")) {
        return "connect";
      }
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return "timeout";
      }
    }
    return "io";
  }

  @Override
  public void stop() {
    client.close();
  }
}
