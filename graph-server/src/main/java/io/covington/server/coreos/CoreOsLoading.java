package io.covington.server.coreos;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.input.InvalidInputException;
import io.covington.server.load.LoadReport;
import io.covington.server.status.ServerMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the CoreOS streams on a worker thread and publishes them; for streams given by URL, reads
 * them again on an interval. A failed read publishes nothing, so the last good graph keeps
 * serving.
 */
public final class CoreOsLoading {

  private static final Logger LOG = LoggerFactory.getLogger(CoreOsLoading.class);

  private final Vertx vertx;
  private final CoreOsSources sources;
  private final boolean strict;
  private final CoreOsHolder holder;
  private final ServerMetrics metrics;

  public CoreOsLoading(Vertx vertx, CoreOsSources sources, boolean strict, CoreOsHolder holder, ServerMetrics metrics) {
    this.vertx = vertx;
    this.sources = sources;
    this.strict = strict;
    this.holder = holder;
    this.metrics = metrics;
  }

  /**
   * Loads once now and, for URL sources, every {@code interval} after that. The future completes
   * when the first load is done: for a directory or the bundled streams it fails with the reason
   * when they cannot be read; for URLs it always succeeds, since a later read may succeed (the
   * CoreOS API and {@code /readiness} answer 503 until one does).
   */
  public Future<Void> start(Duration interval) {
    Future<CoreOsSnapshot> first = loadAndPublish();
    if (!sources.isRemote()) {
      return first.mapEmpty();
    }
    vertx.setPeriodic(interval.toMillis(), id -> loadAndPublish());
    return first.<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  /** Reads the streams and publishes them unless the read failed (or had problems, in strict mode). */
  public Future<CoreOsSnapshot> loadAndPublish() {
    return vertx
        .executeBlocking(this::load, false)
        .onSuccess(snapshot -> {
          holder.publish(snapshot);
          metrics.coreosLoaded(snapshot);
        })
        .onFailure(e -> LOG.error("reading the CoreOS streams failed, nothing new published: {}", e.getMessage()));
  }

  private CoreOsSnapshot load() throws Exception {
    CoreOsSnapshot snapshot = sources.load();
    if (strict && !snapshot.problems().isEmpty()) {
      LoadReport.problems(snapshot.problems()).forEach(LOG::error);
      throw new InvalidInputException(snapshot.problems());
    }
    snapshot.problems().forEach(p -> LOG.warn("CoreOS: {}", p));
    for (String stream : snapshot.streams()) {
      LOG.info("CoreOS stream {}: base architectures {}", stream, snapshot.basearches(stream));
    }
    return snapshot;
  }
}
