package io.covington.server.status;

import io.covington.graph.input.LoadProblem;
import io.covington.graph.snapshot.Snapshot;
import io.covington.server.reload.Reloader;
import io.covington.sources.LoadResult.Outcome;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The reload metrics of one product, the same families for each under its own prefix ({@code
 * covington_graph_…} for the OpenShift graph, {@code covington_coreos_…} for the CoreOS streams):
 * attempts by outcome, their duration, whether the newest inputs are failing, and what the
 * published snapshot is (when built, how long it took, its problems and age).
 *
 * @param <S> the snapshot type
 */
final class ReloadMetrics<S extends Snapshot> implements Reloader.Events<S> {

  private final Counter reloads;
  private final Histogram reloadDuration;
  private final Gauge reloadFailing;
  private final Gauge lastLoad;
  private final Gauge loadDuration;
  private final Gauge loadProblems;
  private final Gauge age;
  private final Gauge held;
  private final Counter abandoned;
  private final Consumer<S> describe;
  /** When the served snapshot was built, on the {@link System#nanoTime()} clock. */
  private volatile long builtAtNanos;
  private volatile boolean published;

  /**
   * How the help texts name what is loaded.
   *
   * @param noun e.g. {@code graph}
   * @param plural whether the noun is a plural ({@code CoreOS streams})
   */
  record Wording(String noun, boolean plural) {
    String a() {
      return plural ? noun : "a " + noun;
    }

    String was() {
      return plural ? "were" : "was";
    }

    String is() {
      return plural ? "are" : "is";
    }
  }

  /**
   * @param prefix e.g. {@code covington_graph}
   * @param describe sets the product's own gauges (releases, edges) from a published snapshot
   */
  ReloadMetrics(CollectorRegistry registry, String prefix, Wording w, Consumer<S> describe) {
    this.describe = describe;
    reloads = Counter.build().name(prefix + "_reloads_total")
        .help("Attempts to load the " + w.noun() + " by outcome: published, unchanged, rejected (failed validation),"
            + " error (source unreachable).")
        .labelNames("outcome").register(registry);
    reloadDuration = Histogram.build().name(prefix + "_reload_duration_seconds")
        .help("Time to fetch, read, build and validate " + w.a().replaceFirst("^(a )?", "$1changed ")
            + ", whether published or not.")
        .buckets(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120).register(registry);
    reloadFailing = Gauge.build().name(prefix + "_reload_failing")
        .help("1 while the newest inputs could not be published (the served " + w.noun() + " " + w.is()
            + " older than its inputs), else 0.")
        .register(registry);
    lastLoad = Gauge.build().name(prefix + "_last_load_timestamp_seconds")
        .help("When the served " + w.noun() + " " + w.was() + " built, in Unix seconds.").register(registry);
    loadDuration = Gauge.build().name(prefix + "_load_duration_seconds")
        .help("How long reading the inputs and building the served " + w.noun() + " took.")
        .register(registry);
    loadProblems = Gauge.build().name(prefix + "_load_problems")
        .help("Problems found in the inputs of the served " + w.noun() + ", by kind.")
        .labelNames("kind").register(registry);
    held = Gauge.build().name(prefix + "_reload_held")
        .help("1 while a valid reload of the " + w.noun() + " is held back for an operator (it would take away too much"
            + " safety at once), else 0.")
        .register(registry);
    abandoned = Counter.build().name(prefix + "_reload_timeouts_total")
        .help("Reload attempts of the " + w.noun() + " abandoned at their deadline (a source that did not answer).")
        .register(registry);
    age = Gauge.build().name(prefix + "_age_seconds")
        .help("Seconds since the served " + w.noun() + " " + w.was() + " built; 0 before the first load.")
        .register(registry);
  }

  @Override
  public void attempted(Outcome outcome, Optional<Double> seconds) {
    reloads.labels(outcome.label()).inc();
    seconds.ifPresent(reloadDuration::observe);
  }

  @Override
  public void failing(boolean failing) {
    reloadFailing.set(failing ? 1 : 0);
  }

  @Override
  public void published(S snapshot, double loadSeconds) {
    describe.accept(snapshot);
    loadProblems.clear();
    Map<String, Integer> byKind = new TreeMap<>();
    for (LoadProblem problem : snapshot.problems()) {
      byKind.merge(problem.kind(), 1, Integer::sum);
    }
    byKind.forEach((kind, count) -> loadProblems.labels(kind).set(count));
    lastLoad.set(snapshot.builtAt().toEpochMilli() / 1000.0);
    // The age runs on the monotonic clock from here: a system clock set back or forward later
    // neither makes it negative nor makes it jump.
    long wallAgeNanos = Math.max(0, Duration.between(snapshot.builtAt(), Instant.now()).toNanos());
    builtAtNanos = System.nanoTime() - wallAgeNanos;
    published = true;
    loadDuration.set(loadSeconds);
  }

  @Override
  public void held(boolean isHeld) {
    held.set(isHeld ? 1 : 0);
  }

  @Override
  public void abandoned() {
    abandoned.inc();
  }

  /** Brings the age up to now; called before each scrape. */
  void refreshAge() {
    if (published) {
      age.set((System.nanoTime() - builtAtNanos) / 1e9);
    }
  }
}
