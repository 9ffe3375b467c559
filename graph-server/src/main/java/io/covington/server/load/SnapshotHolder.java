package io.covington.server.load;

import io.covington.graph.snapshot.GraphSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The graph snapshot being served. A reload builds a whole new snapshot off the event loop and
 * {@linkplain #publish publishes} it with one reference swap; each request reads {@link
 * #current()} once and uses that snapshot to the end, so requests never lock and never see a
 * half-built graph. Also keeps the {@link ReloadStatus} of the attempts to replace it.
 */
public final class SnapshotHolder {

  private final AtomicReference<GraphSnapshot> current = new AtomicReference<>();
  private final AtomicReference<ReloadStatus> status = new AtomicReference<>(ReloadStatus.initial());
  private final List<Consumer<GraphSnapshot>> listeners = new CopyOnWriteArrayList<>();

  /** The snapshot being served; empty until the first load succeeds. */
  public Optional<GraphSnapshot> current() {
    return Optional.ofNullable(current.get());
  }

  public boolean isReady() {
    return current.get() != null;
  }

  /** Replaces the served snapshot, then tells every listener (metrics, caches) about it. */
  public void publish(GraphSnapshot snapshot) {
    current.set(snapshot);
    listeners.forEach(listener -> listener.accept(snapshot));
  }

  /**
   * Calls {@code listener} after each publish, on the publishing thread. A cache of rendered
   * responses keyed by snapshot registers here.
   */
  public void onPublish(Consumer<GraphSnapshot> listener) {
    listeners.add(listener);
  }

  /** What the attempts to load the graph did so far. */
  public ReloadStatus status() {
    return status.get();
  }

  void updateStatus(UnaryOperator<ReloadStatus> change) {
    status.updateAndGet(change);
  }
}
