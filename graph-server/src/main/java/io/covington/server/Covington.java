package io.covington.server;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.cli.ServeSettings;
import io.covington.server.reload.LoadReport;
import io.covington.server.reload.Reloader;
import io.covington.server.reload.SafetyGates;
import io.covington.server.reload.Served;
import io.covington.server.status.RegistryMetrics;
import io.covington.server.status.ServerMetrics;
import io.covington.sources.CoreOsLoader;
import io.covington.sources.OpenShiftLoader;
import io.covington.sources.coreos.CoreOsStreamsSource;
import io.covington.sources.registry.RegistryEvents;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Covington: the two HTTP servers, the OpenShift graph and the CoreOS streams they
 * serve, and the reloader of each. {@link #start} wires them from checked settings.
 */
public final class Covington {

  private static final Logger LOG = LoggerFactory.getLogger(Covington.class);

  private final Vertx vertx;
  private final CovingtonServer server;
  private final List<Reloader<?>> reloaders;
  private final Future<Void> loaded;

  private Covington(Vertx vertx, CovingtonServer server, List<Reloader<?>> reloaders, Future<Void> loaded) {
    this.vertx = vertx;
    this.server = server;
    this.reloaders = List.copyOf(reloaders);
    this.loaded = loaded;
  }

  /**
   * Starts both ports, then loads the OpenShift graph and the CoreOS streams off the event loop.
   * Returns once the ports listen; {@link #loaded()} completes when both are first served (or fails).
   */
  public static Covington start(ServeSettings settings) throws ExecutionException, InterruptedException, TimeoutException {
    Vertx vertx = Vertx.vertx();
    ServerMetrics metrics = new ServerMetrics();
    Served<GraphSnapshot> graph = new Served<>();
    Served<CoreOsSnapshot> coreos = new Served<>();
    CovingtonServer server;
    OpenShiftLoader openshiftLoader;
    try {
      server = CovingtonServer.start(vertx, settings.server(), graph, coreos, metrics, Clock.systemUTC(),
              settings.cacheBytes(), settings.eventLoops())
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      RegistryEvents registryEvents = settings.openshift().registry().isPresent()
          ? new RegistryMetrics(metrics.registry())
          : RegistryEvents.NONE;
      openshiftLoader = settings.openshift().open(registryEvents);
      server.changes().backfillFrom(openshiftLoader::earlierInputs);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      vertx.close();
      throw e;
    }
    LOG.info("graph API on http://{}:{}{}/v1/graph, status on port {}",
        settings.server().bind(), server.apiPort(), settings.server().pathPrefix(), server.statusPort());
    // No input may end the process: without --fail-fast a first load that publishes nothing leaves
    // the APIs at 503, with the reason on /status, and later attempts keep trying.
    Reloader.FirstLoad first = settings.failFast() ? Reloader.FirstLoad.REQUIRED : Reloader.FirstLoad.RETRY;
    Reloader<GraphSnapshot> openshift = new Reloader<>("graph", openshiftLoader, graph,
        new Reloader.Policy(settings.strict(), Optional.of(settings.openshiftInterval()), first, settings.reloadDeadline(),
            settings.acceptedRevisions()),
        metrics.graphReloads(), LoadReport::describe, SafetyGates.graph(settings.safety()));
    CoreOsStreamsSource streams = new CoreOsStreamsSource(settings.streams(), settings.streamUrls(), metrics::coreosFetchFailed, settings.openshift().reading());
    Reloader<CoreOsSnapshot> coreosReloader = new Reloader<>("CoreOS streams", new CoreOsLoader(streams), coreos,
        new Reloader.Policy(settings.strict(), Optional.of(settings.streamsInterval()), first, settings.reloadDeadline(),
            settings.acceptedRevisions()),
        metrics.coreosReloads(), LoadReport::describe, SafetyGates.streams(settings.safety()));
    CompletableFuture<Void> both = CompletableFuture.allOf(openshift.start(), coreosReloader.start());
    return new Covington(vertx, server, List.of(openshift, coreosReloader), Future.fromCompletionStage(both));
  }

  /** The HTTP servers. */
  public CovingtonServer server() {
    return server;
  }

  /** Completes when the OpenShift graph and the CoreOS streams are first served; fails with the reason when not. */
  public Future<Void> loaded() {
    return loaded;
  }

  /**
   * Leaves service as {@link CovingtonServer#shutdown} describes, then stops; returns within
   * about {@code delay + grace} plus a few seconds.
   */
  public void shutdown(Duration delay, Duration grace) {
    LOG.info("shutting down: readiness now 503; closing the API port in {} ms, then {} ms for requests in flight",
        delay.toMillis(), grace.toMillis());
    try {
      server.shutdown(delay, grace).toCompletionStage().toCompletableFuture()
          .get(delay.plus(grace).plusSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("draining the servers: {}", e.toString());
    }
    stop();
    LOG.info("stopped");
  }

  /** Stops reloading, then the servers and Vert.x, waiting up to 10 s for each. */
  public void stop() {
    reloaders.forEach(Reloader::close);
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("stopping Vert.x: {}", e.toString());
    }
  }
}
