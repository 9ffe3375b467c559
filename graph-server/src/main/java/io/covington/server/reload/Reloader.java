package io.covington.server.reload;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.snapshot.Snapshot;
import io.covington.sources.LoadResult;
import io.covington.sources.LoadResult.Outcome;
import io.covington.sources.Loader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who reloads what, when, and whether it may be published: runs one product's {@link Loader} on
 * a single worker thread of its own and publishes what it builds into {@link Served}. Every
 * product (the OpenShift graph, the CoreOS streams) reloads through exactly this class.
 *
 * <ul>
 *   <li><b>When.</b> Once at {@link #start()}; then, with an interval, every interval (also while
 *       nothing could be loaded yet, so a start-up with bad inputs recovers once they are fixed)
 *       and about {@value #DEBOUNCE_MILLIS} ms after a source reports a change (a burst of file
 *       events is one reload). Attempts run one at a time on the worker, so they never overlap and
 *       snapshots publish in order; a trigger while one is pending is folded into it, and a slow
 *       attempt delays the next interval instead of queueing more. Inputs that are still changing
 *       ({@link LoadResult.Deferred}) are looked at again once quiet.
 *   <li><b>What.</b> Periodic and triggered attempts read the inputs only when a source's revision
 *       changed; the first attempt reads them whatever they are.
 *   <li><b>How long.</b> An attempt that runs past {@link Policy#deadline()} is abandoned: it is
 *       reported (failing, naming the source it was reading), its thread interrupted, its result
 *       never published; if the thread does not end, a fresh worker takes the next attempts.
 *   <li><b>Whether to publish.</b> A snapshot whose loader found rejections (validation errors,
 *       an incomplete tree, no data) does not replace a served one; in strict mode nor does one
 *       with any problem. One that passes goes through the product's {@link Gate}: a reload that
 *       would take away too much safety at once (blocked updates offered again, conditional ones
 *       unconditional, releases gone) is held back until an operator accepts its revision. The
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

  /** How long an abandoned attempt's thread gets to end after its interrupt, before a fresh worker replaces it. */
  static final Duration ABANDON_GRACE = Duration.ofSeconds(30);

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
   * @param interval how often the inputs are checked; empty for never
   * @param firstLoad what the first load must achieve
   * @param deadline how long one attempt may take before it is abandoned
   * @param accepted revisions an operator accepts although the gate would hold them back (a whole
   *     revision, its graph-data part, or a prefix of it of at least 7 characters)
   */
  public record Policy(boolean strict, Optional<Duration> interval, FirstLoad firstLoad, Duration deadline, List<String> accepted) {
    public Policy {
      interval.ifPresent(i -> positive("reload interval", i));
      positive("reload deadline", deadline);
      accepted = List.copyOf(accepted);
    }

    /** No deadline to speak of (an hour) and nothing accepted beforehand. */
    public Policy(boolean strict, Optional<Duration> interval, FirstLoad firstLoad) {
      this(strict, interval, firstLoad, Duration.ofHours(1), List.of());
    }

    private static void positive(String what, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("the " + what + " must be longer than zero, got " + d);
      }
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

    /** Whether a valid reload is held back now. */
    default void held(boolean held) {}

    /** An attempt was abandoned at its deadline. */
    default void abandoned() {}

    /** Whether the served snapshot is older than the inputs now (status {@code failing}). */
    default void failing(boolean failing) {}
  }

  /** The log lines saying what a publication brought. */
  @FunctionalInterface
  public interface Report<S> {
    List<String> describe(S snapshot, long loadMillis);
  }

  /** What makes a valid reload unsafe to publish at once, for one product. */
  public interface Gate<S> {
    /** Never holds anything back. */
    static <S> Gate<S> open() {
      return (served, candidate) -> List.of();
    }

    /** Why replacing {@code served} with {@code candidate} must wait for an operator; empty to publish. */
    List<String> holdReasons(S served, S candidate);

    /** For a candidate refused for other reasons: what it would have made safer than {@code served}. */
    default Optional<String> wouldTighten(S served, S candidate) {
      return Optional.empty();
    }
  }

  /** What one attempt did, for the futures of {@link #start()} and the tests. */
  private record Attempt<S>(Outcome outcome, Optional<S> published, List<LoadProblem> problems, String reason, Duration retryAfter) {
    Attempt(Outcome outcome, Optional<S> published, List<LoadProblem> problems, String reason) {
      this(outcome, published, problems, reason, Duration.ZERO);
    }
  }

  private final String noun;
  private final Loader<S> loader;
  private final Served<S> served;
  private final Policy policy;
  private final Events<S> events;
  private final Report<S> report;
  private final Gate<S> gate;
  private final ScheduledExecutorService timers;
  private final AtomicBoolean triggered = new AtomicBoolean();
  private final AtomicBoolean retryScheduled = new AtomicBoolean();
  private final AtomicBoolean queued = new AtomicBoolean();
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile ScheduledExecutorService worker;
  private volatile boolean closed;

  /**
   * @param noun what is loaded, for log lines and reasons, e.g. {@code graph} or {@code CoreOS streams}
   */
  public Reloader(String noun, Loader<S> loader, Served<S> served, Policy policy, Events<S> events, Report<S> report,
      Gate<S> gate) {
    this.noun = Objects.requireNonNull(noun, "noun");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.served = Objects.requireNonNull(served, "served");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.events = Objects.requireNonNull(events, "events");
    this.report = Objects.requireNonNull(report, "report");
    this.gate = Objects.requireNonNull(gate, "gate");
    this.timers = Executors.newSingleThreadScheduledExecutor(daemon(threadName() + "-timer"));
    this.worker = newWorker();
    policy.accepted().forEach(served::accept);
    // An accepted revision is the one already read: read it again whatever the revisions say.
    served.onAccept(revision -> submit(false, true, () -> {}));
    status(s -> s.withSources(loader.sources()));
  }

  /** A reloader whose reloads are never held back. */
  public Reloader(String noun, Loader<S> loader, Served<S> served, Policy policy, Events<S> events, Report<S> report) {
    this(noun, loader, served, policy, events, report, Gate.open());
  }

  /**
   * Loads now and, with an interval, from then on on the interval and on every change a source
   * reports. The future completes after the first attempt that is not deferred: with the published
   * snapshot, or as {@link FirstLoad} says when it published nothing.
   */
  public CompletableFuture<S> start() {
    CompletableFuture<S> first = new CompletableFuture<>();
    firstAttempt(first);
    policy.interval().ifPresent(interval -> timers.scheduleWithFixedDelay(
        this::folded, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
    if (loader.isLive()) {
      loader.onChange(this::trigger);
    }
    if (policy.firstLoad() == FirstLoad.RETRY) {
      return first.exceptionally(e -> null);
    }
    return first;
  }

  /** An attempt whatever the revisions, made again (by itself) while the inputs are still changing. */
  private void firstAttempt(CompletableFuture<S> first) {
    CompletableFuture<Attempt<S>> done = submit(false, false, () -> {});
    done.whenComplete((attempt, failure) -> {
      if (failure != null) {
        first.completeExceptionally(failure);
      } else if (attempt.outcome() == Outcome.DEFERRED && !closed) {
        // The inputs were still being written: the load waits for them.
        retry(first, attempt.retryAfter());
      } else {
        complete(first, attempt);
      }
    });
  }

  private void retry(CompletableFuture<S> first, Duration after) {
    try {
      timers.schedule(() -> firstAttempt(first), Math.max(DEBOUNCE_MILLIS, after.toMillis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      first.completeExceptionally(closedError());
    }
  }

  /**
   * One attempt now, whatever the revisions (made again while the inputs are still changing): the
   * published snapshot, or a failure ({@link InvalidInputException} with the problems) when
   * nothing was published.
   */
  public CompletableFuture<S> loadAndPublish() {
    CompletableFuture<S> result = new CompletableFuture<>();
    firstAttempt(result);
    return result;
  }

  /** One attempt now that reads the inputs only if they changed; completes with its outcome. */
  public CompletableFuture<Outcome> reloadIfChanged() {
    return submit(true, true, () -> {}).thenApply(Attempt::outcome);
  }

  /** Asks for a reload soon; requests arriving meanwhile are folded into it. */
  public void trigger() {
    if (triggered.compareAndSet(false, true)) {
      try {
        timers.schedule(() -> {
          triggered.set(false);
          folded();
        }, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        triggered.set(false);
      }
    }
  }

  private void complete(CompletableFuture<S> result, Attempt<S> attempt) {
    if (attempt.published().isPresent()) {
      result.complete(attempt.published().get());
    } else {
      result.completeExceptionally(attempt.problems().isEmpty()
          ? new IllegalStateException(attempt.reason())
          : new InvalidInputException(attempt.problems()));
    }
  }

  /**
   * An attempt asked for by the interval, a change or a retry: folded into the one already waiting
   * for the worker, if any, so a slow attempt never lets them pile up.
   */
  private void folded() {
    if (queued.compareAndSet(false, true)) {
      submit(true, true, () -> queued.set(false)).whenComplete((attempt, failure) -> queued.set(false));
    }
  }

  /** Runs one attempt on the worker, watched by its deadline. */
  /**
   * @param retryWhenDeferred whether inputs still changing make this reloader look again later by
   *     itself (the caller of an explicit attempt that retries on its own passes false)
   */
  private CompletableFuture<Attempt<S>> submit(boolean onlyIfChanged, boolean retryWhenDeferred, Runnable onStart) {
    CompletableFuture<Attempt<S>> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(closedError());
      return done;
    }
    ScheduledExecutorService current = worker;
    int number = attempts.incrementAndGet();
    AtomicBoolean abandoned = new AtomicBoolean();
    try {
      current.execute(() -> {
        onStart.run();
        Thread thread = Thread.currentThread();
        ScheduledFuture<?> watchdog = timers.schedule(
            () -> abandon(number, thread, current, abandoned, done), policy.deadline().toMillis(), TimeUnit.MILLISECONDS);
        try {
          Attempt<S> attempt = attempt(onlyIfChanged, retryWhenDeferred, abandoned);
          if (!abandoned.get()) {
            done.complete(attempt);
          }
        } finally {
          watchdog.cancel(false);
          // An interrupt meant for an abandoned attempt must not reach the next one.
          Thread.interrupted();
        }
      });
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(closedError());
    }
    return done;
  }

  /** The deadline passed with attempt {@code number} still running on {@code thread}. */
  private void abandon(int number, Thread thread, ScheduledExecutorService stuck, AtomicBoolean abandoned,
      CompletableFuture<Attempt<S>> done) {
    abandoned.set(true);
    Instant at = Instant.now();
    String where = loader.currentSource().map(s -> " while reading " + s).orElse("");
    String reason = "loading the " + noun + " did not finish within " + policy.deadline().toSeconds() + " s" + where
        + "; the attempt is abandoned and the next one will run" + serving();
    List<LoadProblem> problems = loader.currentSource()
        .map(s -> List.of(LoadProblem.of(s, "deadline_exceeded", "still reading after " + policy.deadline().toSeconds() + " s")))
        .orElse(List.of());
    LOG.error(reason);
    LOG.error("  the stuck attempt was at:\n    {}",
        Arrays.stream(thread.getStackTrace()).limit(12).map(Object::toString).collect(Collectors.joining("\n    ")));
    status(s -> s.failed(at, Outcome.ERROR, new ReloadStatus.Failure(at, reason, problems)));
    events.attempted(Outcome.ERROR, Optional.of(policy.deadline().toMillis() / 1000.0));
    events.abandoned();
    done.complete(new Attempt<>(Outcome.ERROR, Optional.empty(), problems, reason));
    thread.interrupt();
    timers.schedule(() -> {
      if (worker == stuck && thread.isAlive() && attempts.get() >= number && !closed) {
        LOG.error("the abandoned {} attempt did not end {} s after its interrupt; later attempts run on a new worker",
            noun, ABANDON_GRACE.toSeconds());
        worker = newWorker();
        stuck.shutdownNow();
      }
    }, ABANDON_GRACE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One attempt, on the worker. Never throws: a failure is reported and the next attempt runs. */
  private Attempt<S> attempt(boolean onlyIfChanged, boolean retryWhenDeferred, AtomicBoolean abandoned) {
    Instant at = Instant.now();
    long start = System.nanoTime();
    try {
      LoadResult<S> result = loader.load(onlyIfChanged);
      if (abandoned.get()) {
        return new Attempt<>(Outcome.ERROR, Optional.empty(), List.of(), "abandoned at its deadline");
      }
      return judge(result, at, start, retryWhenDeferred, abandoned);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt<>(Outcome.ERROR, Optional.empty(), List.of(), "interrupted: the attempt was abandoned or the reloader is closing");
    } catch (RuntimeException | LinkageError | VirtualMachineError e) {
      if (abandoned.get()) {
        return new Attempt<>(Outcome.ERROR, Optional.empty(), List.of(), "abandoned at its deadline");
      }
      LOG.error("loading the {} failed unexpectedly", noun, e);
      return fail(at, start, Outcome.ERROR, "loading the " + noun + " failed: " + e + serving(), List.of());
    } finally {
      // Sources describe what they last read (revisions, a registry's last scrape).
      status(s -> s.withSources(loader.sources()));
    }
  }

  private Attempt<S> judge(LoadResult<S> result, Instant at, long start, boolean retryWhenDeferred, AtomicBoolean abandoned) {
    if (result instanceof LoadResult.Unchanged<S>) {
      status(s -> s.attempted(at, Outcome.UNCHANGED));
      events.attempted(Outcome.UNCHANGED, Optional.empty());
      return new Attempt<>(Outcome.UNCHANGED, Optional.empty(), List.of(), "unchanged");
    }
    if (result instanceof LoadResult.Deferred<S> deferred) {
      LOG.info("{} not read yet: {}", noun, deferred.reason());
      status(s -> s.deferred(at, deferred.reason()));
      events.attempted(Outcome.DEFERRED, Optional.empty());
      if (retryWhenDeferred) {
        scheduleRetry(deferred.retryAfter());
      }
      return new Attempt<>(Outcome.DEFERRED, Optional.empty(), List.of(), deferred.reason(), deferred.retryAfter());
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
      Optional<String> safer = served.snapshot().flatMap(s -> gate.wouldTighten(s, snapshot));
      safer.ifPresent(LOG::error);
      return fail(at, start, Outcome.REJECTED, reason + safer.map(t -> "; " + t).orElse(""), blocking);
    }
    Optional<S> current = served.snapshot();
    if (built.incomplete() && current.map(Snapshot::revision).equals(Optional.of(snapshot.revision()))) {
      // Nothing new was read: some inputs failed and the rest did not change.
      return fail(at, start, Outcome.ERROR, "loading the " + noun + " failed: " + incomplete(built) + serving(),
          built.unrefreshed());
    }
    List<String> hold = current.map(s -> gate.holdReasons(s, snapshot)).orElse(List.of());
    if (!hold.isEmpty() && !served.isAccepted(snapshot.revision())) {
      return holdBack(at, start, snapshot, hold);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (abandoned.get()) {
      return new Attempt<>(Outcome.ERROR, Optional.empty(), List.of(), "abandoned at its deadline");
    }
    long servedAt = served.publish(snapshot, () -> announce(at, start, millis, snapshot, built));
    long prepared = (servedAt - start) / 1_000_000 - millis;
    long warmedAfter = (System.nanoTime() - servedAt) / 1_000_000;
    if (!hold.isEmpty()) {
      LOG.warn("{} revision {} published as accepted by an operator although it {}", noun, snapshot.revision(), String.join("; ", hold));
    }
    report.describe(snapshot, millis).forEach(LOG::info);
    LOG.info("{} revision {} served {} ms after it was built; warming its bodies and indexes went on {} ms after",
        noun, snapshot.revision(), prepared, warmedAfter);
    return new Attempt<>(Outcome.PUBLISHED, Optional.of(snapshot), List.of(), "published");
  }

  /** Reports a publication as soon as the snapshot is served: events, metrics and status. */
  private void announce(Instant at, long start, long millis, S snapshot, LoadResult.Built<S> built) {
    events.published(snapshot, millis / 1000.0);
    events.held(false);
    if (!built.incomplete()) {
      status(s -> s.attempted(at, Outcome.PUBLISHED));
    } else {
      String reason = noun + " revision " + snapshot.revision() + " published, but " + incomplete(built);
      LOG.error(reason);
      LoadReport.problems(built.unrefreshed()).forEach(LOG::error);
      status(s -> s.publishedStale(at, new ReloadStatus.Failure(at, reason, built.unrefreshed())));
    }
    events.attempted(Outcome.PUBLISHED, Optional.of((System.nanoTime() - start) / 1e9));
  }

  /**
   * What is behind or absent in a published snapshot, in words that keep the two apart: an input
   * that never loaded serves nothing, one that failed after an earlier success serves its last
   * good version.
   */
  static String incomplete(LoadResult.Built<?> built) {
    List<String> parts = new ArrayList<>();
    if (!built.missing().isEmpty()) {
      parts.add(built.missing().size() + " input(s) never loaded and serve nothing: "
          + built.missing().stream().map(LoadProblem::source).distinct().collect(Collectors.joining(", ")));
    }
    if (!built.stale().isEmpty()) {
      parts.add(built.stale().size() + " input(s) could not be refreshed and serve their last good version: "
          + built.stale().stream().map(LoadProblem::source).distinct().collect(Collectors.joining(", ")));
    }
    return String.join("; ", parts);
  }

  private Attempt<S> holdBack(Instant at, long start, S snapshot, List<String> reasons) {
    String reason = noun + " revision " + snapshot.revision() + " is held back: it " + String.join("; it ", reasons)
        + serving() + ". Publish it with POST /accept?revision="
        + URLEncoder.encode(snapshot.revision(), StandardCharsets.UTF_8)
        + " on the status port, or --accept-revision " + snapshot.revision();
    LOG.error(reason);
    status(s -> s.held(at, new ReloadStatus.Held(at, snapshot.revision(), reasons)));
    events.held(true);
    events.attempted(Outcome.HELD, Optional.of((System.nanoTime() - start) / 1e9));
    return new Attempt<>(Outcome.HELD, Optional.empty(), List.of(), reason);
  }

  private void scheduleRetry(Duration after) {
    if (retryScheduled.compareAndSet(false, true)) {
      try {
        timers.schedule(() -> {
          retryScheduled.set(false);
          folded();
        }, Math.max(DEBOUNCE_MILLIS, after.toMillis()), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        retryScheduled.set(false);
      }
    }
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

  /** What is served after a failure: the last good revision, or, before any load succeeded, nothing. */
  private String serving() {
    return served.snapshot().map(s -> "; still serving revision " + s.revision())
        .orElse("; nothing has loaded yet, so nothing is served");
  }

  private Attempt<S> fail(Instant at, long start, Outcome outcome, String reason, List<LoadProblem> problems) {
    LOG.error(reason);
    LoadReport.problems(problems).forEach(LOG::error);
    status(s -> s.failed(at, outcome, new ReloadStatus.Failure(at, reason, problems)));
    events.attempted(outcome, Optional.of((System.nanoTime() - start) / 1e9));
    return new Attempt<>(outcome, Optional.empty(), problems, reason);
  }

  /** Changes the status, and tells the events whether the served snapshot is now behind its inputs. */
  private void status(UnaryOperator<ReloadStatus> change) {
    served.updateStatus(change);
    events.failing(served.status().failing());
  }

  private ScheduledExecutorService newWorker() {
    return Executors.newSingleThreadScheduledExecutor(daemon(threadName()));
  }

  private String threadName() {
    return "covington-reload-" + noun.replace(' ', '-').toLowerCase(Locale.ROOT);
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private IllegalStateException closedError() {
    return new IllegalStateException("the " + noun + " reloader is closed");
  }

  /** Stops reloading: waits up to 10 s for an attempt in flight, then closes the sources. */
  @Override
  public void close() {
    closed = true;
    timers.shutdownNow();
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
