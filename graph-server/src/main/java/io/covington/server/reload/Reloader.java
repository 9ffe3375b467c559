package io.covington.server.reload;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.snapshot.Snapshot;
import io.covington.sources.LoadResult;
import io.covington.sources.LoadResult.Outcome;
import io.covington.sources.Loader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who reloads what, when: runs one product's {@link Loader} on a single worker thread of its own
 * and publishes what it builds into {@link Served}. Every product (the OpenShift graph, the CoreOS
 * streams) reloads through exactly this class.
 *
 * <ul>
 *   <li><b>When.</b> Once at {@link #start()}; then, if any input can change, every {@link
 *       Policy#interval()} and about {@value #DEBOUNCE_MILLIS} ms after a source reports a change
 *       (a burst of file events is one reload). Attempts run one at a time on the worker, so they
 *       never overlap and snapshots publish in order; a trigger while one is pending is folded into
 *       it, and a slow attempt delays the next interval instead of queueing more.
 *   <li><b>What.</b> Periodic and triggered attempts read the inputs only when a source's revision
 *       changed; the first attempt reads them whatever they are.
 *   <li><b>Whether to publish.</b> A snapshot whose loader found rejections (validation errors, no
 *       data) does not replace a served one; in strict mode nor does one with any problem. The
 *       first load has nothing to keep, so without strict it publishes what could be read. Nothing
 *       is published when the inputs cannot be read or reached: the old snapshot keeps serving, the
 *       problems are logged with file and reason, and {@link ReloadStatus} and the metrics say so.
 *   <li><b>The first load.</b> With {@link FirstLoad#REQUIRED}, {@link #start()} fails when the
 *       first attempt publishes nothing (the command then exits); with {@link FirstLoad#RETRY} it
 *       completes either way and later attempts keep trying (readiness stays 503 until one works).
 * </ul>
 *
 * @param <S> the snapshot type
 */
public final class Reloader<S extends Snapshot> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

  /** How long a burst of change events is gathered into one reload. */
  static final long DEBOUNCE_MILLIS = 200;

  /** What the first load must achieve. */
  public enum FirstLoad {
    /** The first attempt must publish: {@link #start()} fails otherwise. */
    REQUIRED,
    /** Later attempts may publish the first snapshot: {@link #start()} never fails. */
    RETRY
  }

  /**
   * How a product is reloaded.
   *
   * @param strict refuse any snapshot with a problem, the first one included
   * @param interval how often inputs that can change are checked; empty for never
   * @param firstLoad what the first load must achieve
   */
  public record Policy(boolean strict, Optional<Duration> interval, FirstLoad firstLoad) {
    public Policy {
      interval.ifPresent(i -> {
        if (i.isNegative() || i.isZero()) {
          throw new IllegalArgumentException("the reload interval must be longer than zero, got " + i);
        }
      });
    }
  }

  /** Where attempts and publications are counted (Prometheus in production). */
  public interface Events<S> {
    /**
     * One attempt ended.
     *
     * @param seconds how long an attempt that found changed inputs took
     */
    void attempted(Outcome outcome, Optional<Double> seconds);

    /** A snapshot was published after {@code loadSeconds} of reading and building. */
    void published(S snapshot, double loadSeconds);
  }

  /** The log lines saying what a publication brought. */
  @FunctionalInterface
  public interface Report<S> {
    List<String> describe(S snapshot, long loadMillis);
  }

  /** What one attempt did, for the futures of {@link #start()} and the tests. */
  private record Attempt<S>(Outcome outcome, Optional<S> published, List<LoadProblem> problems, String reason) {}

  private final String noun;
  private final Loader<S> loader;
  private final Served<S> served;
  private final Policy policy;
  private final Events<S> events;
  private final Report<S> report;
  private final ScheduledExecutorService worker;
  private final AtomicBoolean triggered = new AtomicBoolean();

  /**
   * @param noun what is loaded, for log lines and reasons, e.g. {@code graph} or {@code CoreOS streams}
   */
  public Reloader(String noun, Loader<S> loader, Served<S> served, Policy policy, Events<S> events, Report<S> report) {
    this.noun = Objects.requireNonNull(noun, "noun");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.served = Objects.requireNonNull(served, "served");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.events = Objects.requireNonNull(events, "events");
    this.report = Objects.requireNonNull(report, "report");
    String name = "covington-reload-" + noun.replace(' ', '-').toLowerCase(Locale.ROOT);
    this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
    served.updateStatus(s -> s.withSources(loader.sources()));
  }

  /**
   * Loads now and, when any input can change, from then on on the interval and on every change a
   * source reports. The future completes after the first attempt: with the published snapshot, or
   * as {@link FirstLoad} says when it published nothing.
   */
  public CompletableFuture<S> start() {
    CompletableFuture<S> first = submit(false);
    if (loader.isLive()) {
      policy.interval().ifPresent(interval -> worker.scheduleWithFixedDelay(
          () -> attempt(true), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
      loader.onChange(this::trigger);
    }
    if (policy.firstLoad() == FirstLoad.RETRY) {
      return first.exceptionally(e -> null);
    }
    return first;
  }

  /**
   * One attempt now, whatever the revisions: the published snapshot, or a failure ({@link
   * InvalidInputException} with the problems) when nothing was published.
   */
  public CompletableFuture<S> loadAndPublish() {
    return submit(false);
  }

  /** One attempt now that reads the inputs only if they changed; completes with its outcome. */
  public CompletableFuture<Outcome> reloadIfChanged() {
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    execute(() -> done.complete(attempt(true).outcome()), done);
    return done;
  }

  /** Asks for a reload soon; requests arriving meanwhile are folded into it. */
  public void trigger() {
    if (triggered.compareAndSet(false, true)) {
      try {
        worker.schedule(() -> {
          triggered.set(false);
          attempt(true);
        }, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // closed
      }
    }
  }

  private CompletableFuture<S> submit(boolean onlyIfChanged) {
    CompletableFuture<S> done = new CompletableFuture<>();
    execute(() -> {
      Attempt<S> attempt = attempt(onlyIfChanged);
      if (attempt.published().isPresent()) {
        done.complete(attempt.published().get());
      } else {
        done.completeExceptionally(attempt.problems().isEmpty()
            ? new IllegalStateException(attempt.reason())
            : new InvalidInputException(attempt.problems()));
      }
    }, done);
    return done;
  }

  private void execute(Runnable task, CompletableFuture<?> done) {
    try {
      worker.execute(task);
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(new IllegalStateException("the " + noun + " reloader is closed"));
    }
  }

  /** One attempt, on the worker. Never throws: a failure is reported and the next attempt runs. */
  private Attempt<S> attempt(boolean onlyIfChanged) {
    Instant at = Instant.now();
    long start = System.nanoTime();
    try {
      LoadResult<S> result = loader.load(onlyIfChanged);
      return judge(result, at, start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt<>(Outcome.ERROR, Optional.empty(), List.of(), "interrupted: the reloader is closing");
    } catch (RuntimeException | LinkageError | VirtualMachineError e) {
      LOG.error("loading the {} failed unexpectedly", noun, e);
      return fail(at, start, Outcome.ERROR, "loading the " + noun + " failed: " + e + serving(), List.of());
    } finally {
      // Sources describe what they last read (revisions, a registry's last scrape).
      served.updateStatus(s -> s.withSources(loader.sources()));
    }
  }

  private Attempt<S> judge(LoadResult<S> result, Instant at, long start) {
    if (result instanceof LoadResult.Unchanged<S>) {
      served.updateStatus(s -> s.attempted(at, Outcome.UNCHANGED));
      events.attempted(Outcome.UNCHANGED, Optional.empty());
      return new Attempt<>(Outcome.UNCHANGED, Optional.empty(), List.of(), "unchanged");
    }
    if (result instanceof LoadResult.Failed<S> failed) {
      String reason = failed.outcome() == Outcome.ERROR
          ? "loading the " + noun + " failed: " + failed.reason()
          : failed.reason();
      return fail(at, start, failed.outcome(), reason + serving(), failed.problems());
    }
    LoadResult.Built<S> built = (LoadResult.Built<S>) result;
    S snapshot = built.snapshot();
    List<LoadProblem> blocking = blocking(built);
    if (!blocking.isEmpty()) {
      String reason = noun + " revision " + snapshot.revision() + " failed validation with " + blocking.size()
          + " problem(s)" + (policy.strict() ? " (--strict)" : "") + serving();
      return fail(at, start, Outcome.REJECTED, reason, blocking);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    served.publish(snapshot);
    long prepared = (System.nanoTime() - start) / 1_000_000 - millis;
    events.published(snapshot, millis / 1000.0);
    served.updateStatus(s -> s.attempted(at, Outcome.PUBLISHED));
    events.attempted(Outcome.PUBLISHED, Optional.of((millis + prepared) / 1000.0));
    report.describe(snapshot, millis).forEach(LOG::info);
    LOG.info("{} revision {} served; preparing its bodies and indexes took {} ms", noun, snapshot.revision(), prepared);
    return new Attempt<>(Outcome.PUBLISHED, Optional.of(snapshot), List.of(), "published");
  }

  /**
   * Why a built snapshot must not be published. The first load publishes what it could read
   * (there is nothing better to serve); a reload must not replace a good snapshot with data that
   * fails validation; strict mode refuses any problem.
   */
  private List<LoadProblem> blocking(LoadResult.Built<S> built) {
    if (!served.isReady() && !policy.strict()) {
      return List.of();
    }
    List<LoadProblem> reasons = new ArrayList<>(built.rejections());
    if (policy.strict()) {
      built.snapshot().problems().stream().filter(p -> !reasons.contains(p)).forEach(reasons::add);
    }
    return List.copyOf(reasons);
  }

  private String serving() {
    return served.snapshot().map(s -> "; still serving revision " + s.revision()).orElse("");
  }

  private Attempt<S> fail(Instant at, long start, Outcome outcome, String reason, List<LoadProblem> problems) {
    LOG.error(reason);
    LoadReport.problems(problems).forEach(LOG::error);
    served.updateStatus(s -> s.failed(at, outcome, new ReloadStatus.Failure(at, reason, problems)));
    events.attempted(outcome, Optional.of((System.nanoTime() - start) / 1e9));
    return new Attempt<>(outcome, Optional.empty(), problems, reason);
  }

  /** Stops reloading: waits up to 10 s for an attempt in flight, then closes the sources. */
  @Override
  public void close() {
    worker.shutdownNow();
    try {
      if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("the {} reloader did not stop within 10 s", noun);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    loader.close();
  }
}
