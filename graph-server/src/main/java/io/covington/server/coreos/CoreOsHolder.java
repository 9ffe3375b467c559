package io.covington.server.coreos;

import io.covington.graph.coreos.CoreOsSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The CoreOS snapshot being served, replaced by one reference swap on each successful read. */
public final class CoreOsHolder {

  private final AtomicReference<CoreOsSnapshot> current = new AtomicReference<>();
  private final List<Consumer<CoreOsSnapshot>> listeners = new CopyOnWriteArrayList<>();

  public Optional<CoreOsSnapshot> current() {
    return Optional.ofNullable(current.get());
  }

  public boolean isReady() {
    return current.get() != null;
  }

  /** Replaces the served snapshot, then tells every listener (the response cache) about it. */
  public void publish(CoreOsSnapshot snapshot) {
    current.set(snapshot);
    listeners.forEach(listener -> listener.accept(snapshot));
  }

  /** Calls {@code listener} after each publish, on the publishing thread. */
  public void onPublish(Consumer<CoreOsSnapshot> listener) {
    listeners.add(listener);
  }
}
