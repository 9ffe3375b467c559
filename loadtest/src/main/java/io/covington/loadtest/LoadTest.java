package io.covington.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code covington-loadtest} command: drives a server at stepped arrival rates and reports. */
@Command(
    name = "covington-loadtest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Open-model load generator: requests leave at a fixed rate from a schedule, latency counts from the",
      "scheduled time (coordinated omission corrected). Exit 0, 2 when --slo-p99 or --max-error-rate is",
      "breached in any step, 1 when the target cannot be probed."
    })
public final class LoadTest implements Callable<Integer> {

  @Option(names = "--target", required = true, paramLabel = "URL", description = "Server base URL, e.g. http://localhost:8080.")
  URI target;

  @Option(names = "--rates", split = ",", defaultValue = "1000", paramLabel = "RATE",
      description = "Arrival rates of the steps, requests per second (default: ${DEFAULT-VALUE}).")
  List<Integer> rates;

  @Option(names = "--step-duration", defaultValue = "20s", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long each rate is held, e.g. 20s, 500ms, 1m (default: ${DEFAULT-VALUE}).")
  Duration stepDuration;

  @Option(names = "--warmup", defaultValue = "0s", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "A step at the first rate before measuring, not reported (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--mix", defaultValue = "fleet", paramLabel = "MIX",
      description = "fleet (clusters, Zincati nodes, dashboards, bad requests) or static (only --static-uri)"
          + " (default: ${DEFAULT-VALUE}).")
  String mix;

  @Option(names = "--static-uri", defaultValue = "/api/upgrades_info/v1/graph?channel=candidate-4.14&arch=amd64",
      paramLabel = "URI", description = "The one request of --mix static (default: ${DEFAULT-VALUE}).")
  String staticUri;

  @Option(names = "--path-prefix", defaultValue = "/api/upgrades_info", paramLabel = "PREFIX",
      description = "The OpenShift API's prefix (default: ${DEFAULT-VALUE}).")
  String prefix;

  @Option(names = "--coreos-path-prefix", defaultValue = "", paramLabel = "PREFIX",
      description = "The CoreOS API's prefix (default: none).")
  String coreosPrefix;

  @Option(names = "--path-uri", defaultValue = "/api/upgrades_info/v1/path?channel=stable-4.16&from=4.16.0&to=4.16.10",
      paramLabel = "URI", description = "A dashboard's update-path query, sent only if the server answers it with 200"
          + " when probed (default: ${DEFAULT-VALUE}).")
  String pathUri;

  @Option(names = "--gzip-share", defaultValue = "0.5", paramLabel = "FRACTION",
      description = "Share of fleet requests sending Accept-Encoding: gzip (default: ${DEFAULT-VALUE}).")
  double gzipShare;

  @Option(names = "--conditional-share", defaultValue = "0.3", paramLabel = "FRACTION",
      description = "Share of cluster polls that revalidate with If-None-Match (default: ${DEFAULT-VALUE}).")
  double conditionalShare;

  @Option(names = "--connections", defaultValue = "64", paramLabel = "N",
      description = "HTTP/1.1 connections in all (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--lanes", paramLabel = "N", description = "Event loops sending (default: the number of processors).")
  int lanes = Runtime.getRuntime().availableProcessors();

  @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "A response later than this after its scheduled time is a timeout error (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--max-in-flight", defaultValue = "20000", paramLabel = "N",
      description = "Requests outstanding at once; the schedule's requests beyond it count as overload errors"
          + " (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--slo-p99", paramLabel = "MS", description = "Exit 2 if any step's p99 exceeds this, in milliseconds.")
  Double sloP99;

  @Option(names = "--max-error-rate", paramLabel = "FRACTION", description = "Exit 2 if any step's errors per request exceed this.")
  Double maxErrorRate;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the request mix (default: ${DEFAULT-VALUE}).")
  long seed;

  /** What a run measured, and which limits it breached. */
  public record Report(List<StepResult> steps, List<String> breaches) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadTest()).execute(args));
  }

  /** Parses {@code args} into a load test without running it. */
  public static LoadTest parse(String... args) {
    LoadTest test = new LoadTest();
    new CommandLine(test).parseArgs(args);
    return test;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new PrintWriter(System.out, true);
    Report report;
    try {
      report = run(out);
    } catch (IllegalStateException e) {
      out.println("covington-loadtest: " + e.getMessage());
      return 1;
    }
    report.breaches().forEach(b -> out.println("BREACH " + b));
    return report.breaches().isEmpty() ? 0 : 2;
  }

  /** Probes the target, runs every step, prints each step's line to {@code out}. */
  public Report run(PrintWriter out) throws Exception {
    RequestMix requests = mix(out);
    Vertx vertx = Vertx.vertx();
    try {
      List<Lane> laneList = new ArrayList<>();
      for (int i = 0; i < lanes; i++) {
        Lane lane = new Lane(target, i, lanes, Math.max(1, connections / lanes), timeout.toMillis(), maxInFlight / lanes,
            requests, seed);
        await(vertx.deployVerticle(lane));
        laneList.add(lane);
      }
      if (!warmup.isZero()) {
        out.println("warm-up " + warmup.toMillis() + " ms at " + rates.get(0) + "/s");
        step(laneList, rates.get(0), warmup);
      }
      List<StepResult> steps = new ArrayList<>();
      List<String> breaches = new ArrayList<>();
      for (int rate : rates) {
        StepResult result = step(laneList, rate, stepDuration);
        steps.add(result);
        out.println(result.describe());
        if (sloP99 != null && result.millisAt(99) > sloP99) {
          breaches.add(String.format(Locale.ROOT, "rate %d/s: p99 %.3f ms > %.3f ms", rate, result.millisAt(99), sloP99));
        }
        if (maxErrorRate != null && result.errorRate() > maxErrorRate) {
          breaches.add(String.format(Locale.ROOT, "rate %d/s: error rate %.5f > %.5f", rate, result.errorRate(), maxErrorRate));
        }
      }
      return new Report(steps, breaches);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private StepResult step(List<Lane> laneList, int rate, Duration duration) throws Exception {
    long start = System.nanoTime() + 20_000_000L;
    List<Future<Lane.Result>> results = new ArrayList<>();
    for (Lane lane : laneList) {
      results.add(lane.step(rate, start, duration.toNanos()));
    }
    long scheduled = 0;
    long completed = 0;
    long bytes = 0;
    long last = start + duration.toNanos();
    Map<Integer, Long> statuses = new HashMap<>();
    Map<String, Long> errors = new HashMap<>();
    Histogram latency = new Histogram(3);
    for (Future<Lane.Result> future : results) {
      Lane.Result r = await(future);
      scheduled += r.scheduled();
      completed += r.completed();
      bytes += r.bytes();
      last = Math.max(last, r.lastCompletionNanos());
      r.statuses().forEach((k, v) -> statuses.merge(k, v, Long::sum));
      r.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
      latency.add(r.latency());
    }
    return new StepResult(rate, (last - start) / 1e9, scheduled, completed, bytes, statuses, errors, latency);
  }

  /**
   * The requests {@code --mix} asks for. For the fleet, surveys the target first (which channels,
   * streams and releases it serves) and prints what the mix polls to {@code out}.
   *
   * @throws IllegalStateException when the target cannot be reached or serves nothing to poll
   */
  public RequestMix mix(PrintWriter out) throws InterruptedException {
    ProbeClient client = new ProbeClient(target);
    if (mix.equals("static")) {
      int status = client.get(staticUri).status();
      if (status != 200) {
        throw new IllegalStateException(target + staticUri + " answers " + status + ", not 200");
      }
      return RequestMix.fixed(staticUri);
    }
    if (!mix.equals("fleet")) {
      throw new IllegalStateException("unknown mix " + mix + ": give fleet or static");
    }
    FleetPlan plan = FleetPlan.of(new Survey(client, prefix, coreosPrefix).run());
    boolean hasPath = client.get(pathUri).status() == 200;
    out.println(plan.describe(5));
    out.println(hasPath ? "dashboards: path queries" : "dashboards: no path endpoint (probe was not 200)");
    return new FleetMix(prefix, coreosPrefix, plan, hasPath ? Optional.of(pathUri) : Optional.empty(), gzipShare,
        conditionalShare);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }

  /** {@code 20s}, {@code 500ms}, {@code 2m}, or an ISO-8601 duration. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      if (v.startsWith("p")) {
        return Duration.parse(value.trim());
      } else if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      } else if (v.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
      } else if (v.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
      }
      throw new CommandLine.TypeConversionException("not a duration: " + value + " (e.g. 20s, 500ms, 2m)");
    }
  }
}
