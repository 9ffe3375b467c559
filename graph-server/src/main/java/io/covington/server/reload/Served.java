package io.covington.server.reload;

import io.covington.graph.snapshot.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The snapshot of one product (the OpenShift graph, the CoreOS streams) being served, everything
 * computed once for it, and the status of the attempts to replace it.
 *
 * <p>A reload builds a whole new snapshot off the event loop and {@linkplain #publish publishes}
 * it: first the {@linkplain #perSnapshot per-snapshot values} warmed before publication are
 * computed and warmed (rendered bodies), then one reference swap makes the new {@link Generation}
 * current, then the values warmed after publication (path indexes) are warmed. Each
 * request reads {@link #current()} once and uses that generation to the end, so requests never
 * lock, never see a half-built graph and never compute what depends only on the snapshot.
 *
 * @param <S> the snapshot type
 */
public final class Served<S extends Snapshot> {

  private final AtomicReference<Generation<S>> current = new AtomicReference<>();
  private final AtomicReference<ReloadStatus> status = new AtomicReference<>(ReloadStatus.initial());
  private final List<PerSnapshot<S, ?>> values = new CopyOnWriteArrayList<>();
  private final List<Consumer<S>> listeners = new CopyOnWriteArrayList<>();
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final List<Consumer<String>> acceptListeners = new CopyOnWriteArrayList<>();

  /**
   * Something computed once per snapshot.
   *
   * @param <S> the snapshot type
   * @param <D> what is computed, e.g. a response cache or a path index
   */
  public static final class PerSnapshot<S, D> {
    private final Function<S, D> derive;
    private final BiConsumer<S, D> warm;
    private final Warm when;

    private PerSnapshot(Function<S, D> derive, BiConsumer<S, D> warm, Warm when) {
      this.derive = Objects.requireNonNull(derive, "derive");
      this.warm = Objects.requireNonNull(warm, "warm");
      this.when = Objects.requireNonNull(when, "when");
    }
  }

  /** When a per-snapshot value is warmed. */
  public enum Warm {
    /**
     * Before the snapshot replaces the one served, so that no request waits for it; the very first
     * snapshot, with nothing served yet, is served at once and warmed afterwards (a request that
     * comes before its value is warm computes what it asks for).
     */
    BEFORE_PUBLICATION,
    /**
     * Right after the snapshot is served, on the publishing thread: for values a request can build
     * the part it needs of in little time (a path index), and that would otherwise delay every
     * publication.
     */
    AFTER_PUBLICATION
  }

  /**
   * One published snapshot and the values computed for it. Immutable as seen by requests: a value
   * registered after the publication is computed on first use.
   *
   * @param <S> the snapshot type
   */
  public static final class Generation<S extends Snapshot> {
    private final S snapshot;
    private final Map<PerSnapshot<S, ?>, Object> values = new ConcurrentHashMap<>();
    /** How old the snapshot was, by the wall clock, when its publication began; never negative. */
    private final Duration ageWhenPrepared;
    private final long preparedNanos = System.nanoTime();

    private Generation(S snapshot) {
      this.snapshot = snapshot;
      Duration built = Duration.between(snapshot.builtAt(), Instant.now());
      this.ageWhenPrepared = built.isNegative() ? Duration.ZERO : built;
    }

    /**
     * How long ago the snapshot was built: the wall-clock age it had when it came to be published,
     * plus the time since on the monotonic clock, so that setting the system clock back or forward
     * (NTP stepping it, a VM resumed) neither makes it negative nor makes it jump.
     */
    public Duration age() {
      return ageWhenPrepared.plusNanos(System.nanoTime() - preparedNanos);
    }

    public S snapshot() {
      return snapshot;
    }

    /** The value {@code what} computed for this snapshot. */
    @SuppressWarnings("unchecked")
    public <D> D get(PerSnapshot<S, D> what) {
      return (D) values.computeIfAbsent(what, w -> w.derive.apply(snapshot));
    }

    private <D> void prepare(PerSnapshot<S, D> what) {
      what.warm.accept(snapshot, get(what));
    }
  }

  /**
   * Registers a value computed from every snapshot published from now on, before it is served.
   * Register while wiring the server, before the first publication.
   */
  public <D> PerSnapshot<S, D> perSnapshot(Function<S, D> derive) {
    return perSnapshot(derive, (snapshot, value) -> {}, Warm.BEFORE_PUBLICATION);
  }

  /**
   * As {@link #perSnapshot(Function)}, with a warm-up run on the publishing thread before the
   * snapshot is served (e.g. rendering every channel's body); it may block.
   */
  public <D> PerSnapshot<S, D> perSnapshot(Function<S, D> derive, BiConsumer<S, D> warm) {
    return perSnapshot(derive, warm, Warm.BEFORE_PUBLICATION);
  }

  /** As {@link #perSnapshot(Function, BiConsumer)}, warmed {@code when} said. */
  public <D> PerSnapshot<S, D> perSnapshot(Function<S, D> derive, BiConsumer<S, D> warm, Warm when) {
    PerSnapshot<S, D> value = new PerSnapshot<>(derive, warm, when);
    values.add(value);
    return value;
  }

  /** The generation being served; empty until the first snapshot is published. */
  public Optional<Generation<S>> current() {
    return Optional.ofNullable(current.get());
  }

  /** The snapshot being served; empty until the first one is published. */
  public Optional<S> snapshot() {
    return current().map(Generation::snapshot);
  }

  public boolean isReady() {
    return current.get() != null;
  }

  /**
   * Computes and warms every per-snapshot value of {@code snapshot} that is warmed before
   * publication, makes it the one served with one reference swap, tells every listener (metrics),
   * then warms the values warmed after publication. The first snapshot is served before any value
   * is warmed: with nothing served yet, a request that computes its own answer is better than none.
   * Blocks: call it off the event loop.
   *
   * @return the {@link System#nanoTime()} at which the snapshot began to be served
   */
  public long publish(S snapshot) {
    return publish(snapshot, () -> {});
  }

  /**
   * As {@link #publish(Snapshot)}, running {@code whenServed} right after the swap and the
   * listeners, before any value is warmed after it: what reports the publication ({@code /status},
   * the reload metrics) says so as soon as requests see the new snapshot.
   */
  public long publish(S snapshot, Runnable whenServed) {
    Generation<S> next = new Generation<>(Objects.requireNonNull(snapshot, "snapshot"));
    boolean first = current.get() == null;
    if (!first) {
      values.stream().filter(v -> v.when == Warm.BEFORE_PUBLICATION).forEach(next::prepare);
    }
    current.set(next);
    long servedAt = System.nanoTime();
    listeners.forEach(listener -> listener.accept(snapshot));
    whenServed.run();
    if (first) {
      values.stream().filter(v -> v.when == Warm.BEFORE_PUBLICATION).forEach(next::prepare);
    }
    values.stream().filter(v -> v.when == Warm.AFTER_PUBLICATION).forEach(next::prepare);
    return servedAt;
  }

  /** Calls {@code listener} after each publication, on the publishing thread. */
  public void onPublish(Consumer<S> listener) {
    listeners.add(listener);
  }

  /**
   * Accepts {@code revision} for publication although its reload was held back (an operator's
   * decision), and asks for a reload. The revision may be a whole snapshot revision, its last part
   * (the graph-data revision or commit), or a prefix of that of at least 7 characters.
   */
  public void accept(String revision) {
    accepted.add(revision.strip());
    acceptListeners.forEach(listener -> listener.accept(revision));
  }

  /** Whether an operator accepted {@code revision} (see {@link #accept}). */
  public boolean isAccepted(String revision) {
    return accepted.stream().anyMatch(token -> names(token, revision));
  }

  /**
   * Whether {@code token} names {@code revision}: the whole revision, its last part (the
   * graph-data revision or commit), or a prefix of that of at least 7 characters.
   */
  public static boolean names(String token, String revision) {
    String last = revision.substring(revision.lastIndexOf('/') + 1);
    return token.equals(revision) || token.equals(last) || (token.length() >= 7 && last.startsWith(token));
  }

  /** Calls {@code listener} with each revision accepted. */
  public void onAccept(Consumer<String> listener) {
    acceptListeners.add(listener);
  }

  /** What the attempts to load the snapshot did so far. */
  public ReloadStatus status() {
    return status.get();
  }

  void updateStatus(UnaryOperator<ReloadStatus> change) {
    status.updateAndGet(change);
  }
}
