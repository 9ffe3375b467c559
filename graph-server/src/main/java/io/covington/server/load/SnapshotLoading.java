package io.covington.server.load;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.status.ServerMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link GraphLoader} on a worker thread and publishes its snapshot. A failed load,
 * or in strict mode a load with any problem, publishes nothing: the server keeps serving the
 * snapshot it had (or stays not ready).
 */
public final class SnapshotLoading {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotLoading.class);

  private final Vertx vertx;
  private final GraphLoader loader;
  private final boolean strict;
  private final SnapshotHolder snapshots;
  private final ServerMetrics metrics;

  public SnapshotLoading(
      Vertx vertx, GraphLoader loader, boolean strict, SnapshotHolder snapshots, ServerMetrics metrics) {
    this.vertx = vertx;
    this.loader = loader;
    this.strict = strict;
    this.snapshots = snapshots;
    this.metrics = metrics;
  }

  /**
   * Loads and publishes a new snapshot. Fails with {@link InvalidInputException} when strict and
   * the inputs have problems, or with the loader's exception.
   */
  public Future<GraphSnapshot> loadAndPublish() {
    return vertx.executeBlocking(this::loadOnWorker, false)
        .onSuccess(loaded -> {
          snapshots.publish(loaded.snapshot());
          metrics.snapshotLoaded(loaded.snapshot(), loaded.millis() / 1000.0);
        })
        .map(Loaded::snapshot)
        .onFailure(e -> LOG.error("loading the graph failed: {}", e.getMessage()));
  }

  private record Loaded(GraphSnapshot snapshot, long millis) {}

  private Loaded loadOnWorker() throws Exception {
    long start = System.nanoTime();
    GraphSnapshot snapshot = loader.load();
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (strict && !snapshot.problems().isEmpty()) {
      LoadReport.problems(snapshot.problems()).forEach(LOG::error);
      throw new InvalidInputException(snapshot.problems());
    }
    LoadReport.describe(snapshot, millis).forEach(LOG::info);
    return new Loaded(snapshot, millis);
  }
}
