package io.covington.server.load;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.status.ServerMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link GraphLoader} on a worker thread and publishes its snapshot: the first load, and
 * then, for inputs that can change, a reload on every interval and on every change a source
 * reports.
 *
 * <p>A reload reads and builds a complete new snapshot off the event loop, judges it with {@link
 * GraphLoader#rejections}, and only then publishes it with one reference swap; requests in flight
 * finish on the snapshot they started with. Data that cannot be read, or fails validation (in
 * strict mode: has any problem), publishes nothing: the old snapshot keeps serving, the problems
 * are logged with file and reason, and {@link ReloadStatus} and the metrics say so. Attempts run
 * one at a time on a single worker thread.
 */
public final class SnapshotLoading {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotLoading.class);

  /** How long a burst of file events is gathered into one reload. */
  private static final long DEBOUNCE_MILLIS = 200;

  static final String PUBLISHED = "published";
  static final String UNCHANGED = "unchanged";
  static final String REJECTED = "rejected";
  static final String ERROR = "error";

  private final Vertx vertx;
  private final GraphLoader loader;
  private final boolean strict;
  private final SnapshotHolder snapshots;
  private final ServerMetrics metrics;
  private final WorkerExecutor worker;
  private final AtomicBoolean triggered = new AtomicBoolean();

  public SnapshotLoading(
      Vertx vertx, GraphLoader loader, boolean strict, SnapshotHolder snapshots, ServerMetrics metrics) {
    this.vertx = vertx;
    this.loader = loader;
    this.strict = strict;
    this.snapshots = snapshots;
    this.metrics = metrics;
    // One thread: attempts never overlap, and a slow fetch never holds up the other workers.
    this.worker = vertx.createSharedWorkerExecutor("covington-reload", 1, 10, TimeUnit.MINUTES);
    snapshots.updateStatus(s -> s.withSources(loader.sources()));
  }

  /**
   * Loads and publishes a new snapshot whether or not the inputs changed. Fails with {@link
   * InvalidInputException} when the data cannot be used (strict: has problems), or with the
   * loader's exception.
   */
  public Future<GraphSnapshot> loadAndPublish() {
    return worker.executeBlocking(() -> attempt(false), true)
        .map(published -> published.orElseThrow(() -> new IllegalStateException("a full load always builds")));
  }

  /**
   * Reloads if the inputs changed. Completes with the outcome ({@code published}, {@code
   * unchanged}, {@code rejected} or {@code error}); never fails.
   */
  public Future<String> reloadIfChanged() {
    return worker
        .executeBlocking(() -> attempt(true), true)
        .map(published -> published.isPresent() ? PUBLISHED : UNCHANGED)
        .recover(e -> Future.succeededFuture(e instanceof InvalidInputException ? REJECTED : ERROR));
  }

  /**
   * From now on, reloads every {@code interval} and soon after each change the loader reports.
   * Does nothing for a loader whose inputs cannot change. Stops when Vert.x closes.
   */
  public SnapshotLoading reloadEvery(Duration interval) {
    if (!loader.isLive()) {
      return this;
    }
    vertx.setPeriodic(interval.toMillis(), id -> trigger());
    loader.onChange(this::trigger);
    return this;
  }

  /** Asks for a reload soon; requests arriving meanwhile are folded into it. */
  public void trigger() {
    if (triggered.compareAndSet(false, true)) {
      vertx.setTimer(DEBOUNCE_MILLIS, id -> {
        triggered.set(false);
        reloadIfChanged();
      });
    }
  }

  /** One attempt, on the worker: the published snapshot, or empty when nothing changed. */
  private Optional<GraphSnapshot> attempt(boolean onlyIfChanged) throws Exception {
    try {
      return attemptOnce(onlyIfChanged);
    } finally {
      // Sources describe what they last read (revisions, a registry's last scrape).
      snapshots.updateStatus(s -> s.withSources(loader.sources()));
    }
  }

  private Optional<GraphSnapshot> attemptOnce(boolean onlyIfChanged) throws Exception {
    Instant at = Instant.now();
    long start = System.nanoTime();
    try {
      if (onlyIfChanged && !loader.changed()) {
        snapshots.updateStatus(s -> s.attempted(at, UNCHANGED));
        metrics.reloadAttempted(UNCHANGED, Optional.empty());
        return Optional.empty();
      }
      GraphSnapshot snapshot = loader.load();
      boolean replacing = snapshots.isReady();
      // The first load publishes what it could read (there is nothing better to serve); a
      // reload must not replace a good graph with data that fails validation.
      List<LoadProblem> rejections = replacing || strict ? loader.rejections(snapshot, strict) : List.of();
      if (!rejections.isEmpty()) {
        throw new Rejected(snapshot.revision(), rejections);
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      snapshots.publish(snapshot);
      metrics.snapshotLoaded(snapshot, millis / 1000.0);
      snapshots.updateStatus(s -> s.attempted(at, PUBLISHED));
      metrics.reloadAttempted(PUBLISHED, Optional.of(millis / 1000.0));
      LoadReport.describe(snapshot, millis).forEach(LOG::info);
      return Optional.of(snapshot);
    } catch (Rejected e) {
      String reason = "graph revision " + e.revision + " failed validation with " + e.problems.size() + " problem(s)"
          + (strict ? " (--strict)" : "") + serving();
      fail(at, start, REJECTED, reason, e.problems);
      throw new InvalidInputException(e.problems);
    } catch (InvalidInputException e) {
      fail(at, start, REJECTED, "the inputs cannot be read" + serving(), e.problems());
      throw e;
    } catch (Exception e) {
      fail(at, start, ERROR, "loading the graph failed: " + e.getMessage() + serving(), List.of());
      throw e;
    }
  }

  private String serving() {
    return snapshots.current().map(s -> "; still serving revision " + s.revision()).orElse("");
  }

  private void fail(Instant at, long start, String outcome, String reason, List<LoadProblem> problems) {
    LOG.error(reason);
    LoadReport.problems(problems).forEach(LOG::error);
    snapshots.updateStatus(s -> s.failed(at, outcome, new ReloadStatus.Failure(at, reason, problems)));
    metrics.reloadAttempted(outcome, Optional.of((System.nanoTime() - start) / 1e9));
  }

  /** Data that was read but must not be published. */
  private static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final String revision;
    private final transient List<LoadProblem> problems;

    Rejected(String revision, List<LoadProblem> problems) {
      super(null, null, false, false);
      this.revision = revision;
      this.problems = problems;
    }
  }
}
