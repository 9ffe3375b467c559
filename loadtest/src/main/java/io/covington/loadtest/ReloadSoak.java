package io.covington.loadtest;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Reloads a running server again and again while clients read it, and checks that no reader ever
 * saw a failed request or a mixed revision: a body that is not the one its {@code
 * X-Covington-Revision} stands for. The server must watch {@code --graph-data}; each reload adds
 * or removes one blocked-edges file there (an operator's change), then waits until {@code
 * /status} serves the new revision. Readers ask for one channel's graph on their own connections;
 * every revision must always come with the same body and ETag.
 */
@Command(
    name = "covington-reload-soak",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Reloads a server N times under readers and counts failed and mixed-revision answers.",
      "Exit 0 when there were none, 2 when there were, 1 when the server could not be driven."
    })
public final class ReloadSoak implements Callable<Integer> {

  @Option(names = "--target", required = true, paramLabel = "URL", description = "The API's base URL, e.g. http://localhost:8080.")
  URI target;

  @Option(names = "--status", required = true, paramLabel = "URL", description = "The status port's base URL.")
  URI status;

  @Option(names = "--graph-data", required = true, paramLabel = "DIR", description = "The graph-data directory the server watches.")
  Path graphData;

  @Option(names = "--reloads", defaultValue = "1000", paramLabel = "N", description = "Reloads to make (default: ${DEFAULT-VALUE}).")
  int reloads;

  @Option(names = "--readers", defaultValue = "8", paramLabel = "N", description = "Reading threads (default: ${DEFAULT-VALUE}).")
  int readers;

  @Option(names = "--pause", defaultValue = "10", paramLabel = "MS",
      description = "Each reader's pause between requests, so that the readers check without taking every core"
          + " from the reloads (default: ${DEFAULT-VALUE}).")
  int pauseMillis;

  @Option(names = "--uri", defaultValue = "/api/upgrades_info/v1/graph?channel=candidate-4.14&arch=amd64", paramLabel = "URI",
      description = "What the readers ask for (default: ${DEFAULT-VALUE}).")
  String uri;

  @Option(names = "--block", paramLabel = "YAML",
      defaultValue = "to: 4.14.72\nfrom: 4\\.13\\..*\nurl: https://example.com/soak\nname: ReloadSoak\n"
          + "message: Added and removed by the reload soak.\nmatchingRules:\n- type: Always\n",
      description = "The blocked-edges file toggled (default: a conditional risk on every update from 4.13 to 4.14.72,"
          + " which the safety gate lets through both ways).")
  String block;

  @Option(names = "--reload-timeout", defaultValue = "120", paramLabel = "SECONDS",
      description = "How long one reload may take to be served (default: ${DEFAULT-VALUE}).")
  int reloadTimeout;

  @Spec CommandLine.Model.CommandSpec spec;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> bodyOfRevision = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong mixed = new AtomicLong();
  private final List<String> firstFailures = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new ReloadSoak()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path toggle = graphData.resolve("blocked-edges").resolve("4.14.72-ReloadSoak.yaml");
    Files.deleteIfExists(toggle);
    String revision = awaitRevisionOtherThan("", Duration.ofSeconds(reloadTimeout));
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < readers; i++) {
      Thread t = new Thread(() -> read(running), "soak-reader-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    Histogram reloadMillis = new Histogram(3_600_000, 3);
    long started = System.nanoTime();
    int done = 0;
    try {
      for (; done < reloads; done++) {
        long t0 = System.nanoTime();
        if (Files.exists(toggle)) {
          Files.delete(toggle);
        } else {
          Files.writeString(toggle, block, StandardCharsets.UTF_8);
        }
        revision = awaitRevisionOtherThan(revision, Duration.ofSeconds(reloadTimeout));
        reloadMillis.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000_000));
        if ((done + 1) % 50 == 0) {
          out.printf("%d reloads, %d reads, %d failed, %d mixed%n", done + 1, requests.get(), failed.get(), mixed.get());
          out.flush();
        }
      }
    } catch (IOException e) {
      out.println("reload " + (done + 1) + " was not served: " + e.getMessage());
      return 1;
    } finally {
      running.set(false);
      for (Thread t : threads) {
        t.join(10_000);
      }
      Files.deleteIfExists(toggle);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf("reloads: %d in %.0f s; time to serve a reload: p50 %d ms, p99 %d ms, max %d ms%n", done, seconds,
        reloadMillis.getValueAtPercentile(50), reloadMillis.getValueAtPercentile(99), reloadMillis.getMaxValue());
    out.printf("reads: %d (%.0f/s), failed: %d, mixed-revision: %d, revisions seen: %d%n", requests.get(),
        requests.get() / seconds, failed.get(), mixed.get(), bodyOfRevision.size());
    synchronized (firstFailures) {
      firstFailures.forEach(f -> out.println("  " + f));
    }
    out.flush();
    return failed.get() == 0 && mixed.get() == 0 && bodyOfRevision.size() >= 2 ? 0 : 2;
  }

  /** Reads until told to stop, checking every answer against the revision it names. */
  private void read(AtomicBoolean running) {
    HttpRequest request = HttpRequest.newBuilder(target.resolve(uri)).timeout(Duration.ofSeconds(10))
        .header("Accept", "application/json").build();
    while (running.get()) {
      requests.incrementAndGet();
      try {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        String revision = response.headers().firstValue("x-covington-revision").orElse("");
        String etag = response.headers().firstValue("etag").orElse("");
        if (response.statusCode() != 200 || revision.isEmpty()) {
          fail("status " + response.statusCode() + " revision '" + revision + "'");
          continue;
        }
        String seen = sha256(response.body()) + " " + etag;
        String first = bodyOfRevision.putIfAbsent(revision, seen);
        if (first != null && !first.equals(seen)) {
          mixed.incrementAndGet();
          note("revision " + revision + " answered with body/ETag " + seen + " after " + first);
        }
        if (pauseMillis > 0) {
          Thread.sleep(pauseMillis);
        }
      } catch (IOException e) {
        fail(e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void fail(String what) {
    failed.incrementAndGet();
    note(what);
  }

  private void note(String what) {
    synchronized (firstFailures) {
      if (firstFailures.size() < 10) {
        firstFailures.add(what);
      }
    }
  }

  /** Polls {@code /status} until the served graph's revision is not {@code previous}. */
  private String awaitRevisionOtherThan(String previous, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request = HttpRequest.newBuilder(status.resolve("/status")).timeout(Duration.ofSeconds(10)).build();
    String last = "";
    while (System.nanoTime() < deadline) {
      JsonObject doc = new JsonObject(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
      JsonObject graph = doc.getJsonObject("graph");
      if (graph != null && !graph.getString("revision").equals(previous)) {
        return graph.getString("revision");
      }
      last = doc.encode();
      Thread.sleep(20);
    }
    throw new IOException("no revision other than " + previous + " within " + timeout.toSeconds() + " s; /status: " + last);
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
