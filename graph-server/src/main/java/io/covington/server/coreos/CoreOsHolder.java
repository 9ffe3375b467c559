package io.covington.server.coreos;

import io.covington.graph.coreos.CoreOsSnapshot;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The CoreOS snapshot being served, replaced by one reference swap on each successful read. */
public final class CoreOsHolder {

  private final AtomicReference<CoreOsSnapshot> current = new AtomicReference<>();

  public Optional<CoreOsSnapshot> current() {
    return Optional.ofNullable(current.get());
  }

  public boolean isReady() {
    return current.get() != null;
  }

  public void publish(CoreOsSnapshot snapshot) {
    current.set(snapshot);
  }
}
