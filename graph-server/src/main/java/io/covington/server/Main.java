package io.covington.server;

import io.covington.graph.input.InvalidInputException;
import io.covington.server.coreos.CoreOsApi;
import io.covington.server.coreos.CoreOsHolder;
import io.covington.server.coreos.CoreOsLoading;
import io.covington.server.coreos.CoreOsSources;
import io.covington.server.load.GraphLoader;
import io.covington.server.load.OpenShiftInputs;
import io.covington.server.load.SnapshotHolder;
import io.covington.server.load.SnapshotLoading;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.server.status.ServerMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import io.covington.server.path.PathCommands;
import picocli.CommandLine.Spec;
import io.covington.graph.bundled.BundledData;
import io.covington.server.registry.RegistryConfig;
import io.covington.server.registry.RegistryInputs;
import io.covington.server.registry.RegistryMetrics;
import io.covington.server.registry.RegistryRepository;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/** The {@code covington} command: loads the update graph and serves it. */
@Command(
    name = "covington",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    usageHelpWidth = 110,
    subcommands = {ValidateCommand.class, PathCommands.PathCommand.class, PathCommands.ExplainCommand.class},
    description = {
      "Serves the OpenShift/OKD update graph (the Cincinnati graph API) to cluster-version-operators.",
      "Without --releases and --graph-data it serves the bundled data.",
      "With --releases-registry and --graph-data-image it serves a (mirror) registry's releases and graph-data."
    },
    footer = {
      "",
      "Every option can also be set by an environment variable: --foo-bar by COVINGTON_FOO_BAR",
      "(e.g. COVINGTON_STATUS_PORT=9090, COVINGTON_STRICT=true). A flag wins over its variable."
    })
public final class Main implements java.util.concurrent.Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--graph-data",
      paramLabel = "DIR",
      description = "Graph-data directory in the openshift/cincinnati-graph-data layout, watched for changes"
          + " (default: the bundled one).")
  Path graphData;

  @Option(
      names = "--releases",
      paramLabel = "PATH_OR_URL",
      description =
          "Releases: a directory of release-metadata JSON documents, or a raw graph JSON file or http(s) URL"
              + " (default: the bundled releases).")
  String releases;

  @Mixin LiveDataOptions live = new LiveDataOptions();

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "API port (default: ${DEFAULT-VALUE}; 0 picks a free port).")
  int port;

  @Option(names = "--status-port", paramLabel = "PORT", defaultValue = "9080",
      description = "Status port for /liveness, /readiness and /metrics (default: ${DEFAULT-VALUE}).")
  int statusPort;

  @Option(names = "--path-prefix", paramLabel = "PREFIX", defaultValue = OpenShiftApi.DEFAULT_PREFIX,
      description = "Path prefix of the graph API (default: ${DEFAULT-VALUE}).")
  String pathPrefix;

  @Option(names = "--streams", paramLabel = "DIR",
      description = "CoreOS streams directory: DIR/<stream>/releases.json and updates.json (default: the bundled"
          + " stable, testing and next).")
  Path streams;

  @Option(names = "--streams-releases-url", paramLabel = "TEMPLATE",
      description = "URL of each CoreOS stream's release index, with a {stream} placeholder, e.g. "
          + CoreOsSources.FEDORA_RELEASES_URL + " (requires --streams-updates-url).")
  String streamsReleasesUrl;

  @Option(names = "--streams-updates-url", paramLabel = "TEMPLATE",
      description = "URL of each CoreOS stream's updates metadata, with a {stream} placeholder, e.g. "
          + CoreOsSources.FEDORA_UPDATES_URL + ".")
  String streamsUpdatesUrl;

  @Option(names = "--stream", paramLabel = "NAME", split = ",", defaultValue = "stable,testing,next",
      description = "CoreOS streams fetched from the URLs (default: ${DEFAULT-VALUE}).")
  List<String> streamNames;

  @Option(names = "--streams-interval", paramLabel = "SECONDS", defaultValue = "30",
      description = "How often streams given by URL are read again; each stream keeps its last good graph on"
          + " error (default: ${DEFAULT-VALUE}).")
  long streamsIntervalSeconds;

  @Option(names = "--coreos-path-prefix", paramLabel = "PREFIX", defaultValue = CoreOsApi.DEFAULT_PREFIX,
      description = "Path prefix of the CoreOS graph API, /v1/graph under it (default: none).")
  String coreosPathPrefix;

  @Option(names = "--releases-registry", paramLabel = "[http://]HOST[:PORT]/REPO",
      description = "Read releases from every tag of this registry repository (repeatable), e.g."
          + " mirror.example:5000/openshift/release-images; TLS unless the http:// prefix asks for plain HTTP.")
  List<String> releasesRegistries = new java.util.ArrayList<>();

  @Option(names = "--graph-data-image", paramLabel = "[http://]HOST[:PORT]/REPO:TAG",
      description = "Graph-data from this image (as oc-mirror ships it, e.g. mirror.example:5000/openshift/graph-image:latest),"
          + " unpacked again whenever the tag moves to another digest.")
  String graphDataImage;

  @Option(names = "--registry-auth", paramLabel = "FILE",
      description = "Registry logins: a Docker/Podman auth.json or .dockercfg (default: anonymous).")
  Path registryAuth;

  @Option(names = "--registry-ca", paramLabel = "FILE",
      description = "Extra PEM CA certificates trusted for registries, besides the system's (repeatable).")
  List<Path> registryCas = new java.util.ArrayList<>();

  @Option(names = "--registry-cache-dir", paramLabel = "DIR",
      description = "Keep what was read from release images (by manifest digest) and the unpacked graph-data image here,"
          + " so a restart downloads no layer again (default: in memory only).")
  Path registryCacheDir;

  @Option(names = "--registry-interval", paramLabel = "DURATION", defaultValue = "5m",
      converter = DurationConverter.class,
      description = "How often the registries are scraped again, e.g. 30s, 5m, 1h (default: ${DEFAULT-VALUE}).")
  Duration registryInterval;

  @Option(names = "--registry-concurrency", paramLabel = "N", defaultValue = "4",
      description = "How many images are read from the registry at once (default: ${DEFAULT-VALUE}).")
  int registryConcurrency;

  @Option(names = "--strict",
      description = "Fail the load on any problem in the inputs: exit non-zero listing the problems.")
  boolean strict;

  @Option(names = "--cache-size", paramLabel = "MIB", defaultValue = "64",
      description = "Bound of each API's cache of rendered (and gzip-compressed) responses, in MiB"
          + " (default: ${DEFAULT-VALUE}).")
  long cacheSizeMib;

  @Option(names = "--event-loops", paramLabel = "N", defaultValue = "1",
      description = "Event loops serving the API port; more can help on machines with cores to spare"
          + " (default: ${DEFAULT-VALUE}, measured best on 2 cores shared with the clients, see BENCHMARKS.md).")
  int eventLoops;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
      description = "Address both ports listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  // The top-level converter: the nested Main.DurationConverter shadows it here and rejects 0s.
  @Option(names = "--shutdown-delay", paramLabel = "DURATION", defaultValue = "0s",
      converter = io.covington.server.DurationConverter.class,
      description = "On SIGTERM, keep serving this long with /readiness at 503 before closing the API port,"
          + " so load balancers stop sending first (default: ${DEFAULT-VALUE}).")
  Duration shutdownDelay;

  @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "20s",
      converter = io.covington.server.DurationConverter.class,
      description = "On SIGTERM, after the delay, how long requests already received get to finish once the"
          + " API port stops accepting (default: ${DEFAULT-VALUE}).")
  Duration shutdownGrace;

  public static void main(String[] args) {
    System.exit(commandLine(new Main(), System.getenv()).execute(args));
  }

  /** The command line of {@code main}, taking defaults from {@code environment} ({@link EnvironmentDefaults}). */
  public static CommandLine commandLine(Main main, Map<String, String> environment) {
    return new CommandLine(main).setDefaultValueProvider(new EnvironmentDefaults(environment));
  }

  @Override
  public Integer call() throws InterruptedException {
    Running running;
    try {
      running = startFromFlags();
    } catch (ExecutionException | TimeoutException e) {
      spec.commandLine().getErr().println("covington: cannot start the server: " + e.getCause());
      return 1;
    }
    try {
      running.loaded().toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      reportLoadFailure(e.getCause());
      running.stop();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.shutdown(shutdownDelay, shutdownGrace);
      stopped.countDown();
    }, "covington-shutdown"));
    stopped.await();
    return 0;
  }

  /** A started server and its first load. */
  public record Running(Vertx vertx, CovingtonServer server, Future<?> loaded) {
    /**
     * Leaves service as {@link CovingtonServer#shutdown} describes, then stops Vert.x; returns
     * within about {@code delay + grace} plus a few seconds.
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

    /** Stops the servers and Vert.x at once, waiting up to 10 s. */
    public void stop() {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("stopping Vert.x: {}", e.toString());
      }
    }
  }

  /**
   * Starts both ports as configured by the options, then loads the graph with {@code loader} off
   * the event loop. Returns once the ports listen; {@link Running#loaded()} completes when the
   * first graph is served (or fails).
   */
  public Running start(GraphLoader loader) throws ExecutionException, InterruptedException, TimeoutException {
    return start(metrics -> loader, Optional.empty());
  }

  /**
   * Starts as {@link #start(GraphLoader)} with the OpenShift inputs the flags give; with a
   * registry, scrapes it again every {@code --registry-interval}.
   */
  public Running startFromFlags() throws ExecutionException, InterruptedException, TimeoutException {
    RegistryConfig registry = registryConfig();
    if (!registry.isUsed()) {
      return start(live.inputs(Optional.ofNullable(releases), Optional.ofNullable(graphData), spec.commandLine()));
    }
    if (live.git != null || live.url != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give --graph-data-git or --graph-data-url, or the registry flags, not both");
    }
    if (registry.graphDataImage().isPresent() && graphData != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --graph-data or --graph-data-image, not both");
    }
    if (!registry.releaseRepositories().isEmpty() && releases != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --releases or --releases-registry, not both");
    }
    RegistryInputs.ReleaseLoader otherReleases =
        releases == null ? BundledData::releases : () -> OpenShiftInputs.readReleases(releases);
    return start(metrics -> RegistryInputs.create(registry, otherReleases, Optional.ofNullable(graphData),
        new RegistryMetrics(metrics.registry())), Optional.of(registry.interval()));
  }

  private RegistryConfig registryConfig() {
    try {
      return new RegistryConfig(
          releasesRegistries.stream().map(RegistryRepository::parse).toList(),
          Optional.ofNullable(graphDataImage).map(RegistryRepository::parse),
          Optional.ofNullable(registryAuth),
          registryCas,
          Optional.ofNullable(registryCacheDir),
          registryInterval,
          registryConcurrency,
          100,
          RegistryConfig.DEFAULT_FULL_READ_LIMIT);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Running start(Function<ServerMetrics, GraphLoader> loaderFor, Optional<Duration> reloadEvery)
      throws ExecutionException, InterruptedException, TimeoutException {
    ServerConfig config = new ServerConfig(bind, port, statusPort,
        ServerConfig.normalizePrefix(pathPrefix), ServerConfig.normalizePrefix(coreosPathPrefix));
    Vertx vertx = Vertx.vertx();
    SnapshotHolder snapshots = new SnapshotHolder();
    CoreOsHolder coreos = new CoreOsHolder();
    ServerMetrics metrics = new ServerMetrics();
    CovingtonServer server;
    try {
      server = CovingtonServer.start(vertx, config, snapshots, coreos, metrics, Clock.systemUTC(),
              Math.max(1, cacheSizeMib) << 20, Math.max(1, eventLoops))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      throw e;
    }
    LOG.info("graph API on http://{}:{}{}/v1/graph, status on port {}",
        bind, server.apiPort(), config.pathPrefix(), server.statusPort());
    GraphLoader loader;
    try {
      loader = loaderFor.apply(metrics);
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
    SnapshotLoading loading = new SnapshotLoading(vertx, loader, strict, snapshots, metrics);
    // A load slower than the interval is not started twice, so snapshots publish in order.
    AtomicBoolean busy = new AtomicBoolean(true);
    Future<?> openshift = loading.loadAndPublish().onComplete(done -> busy.set(false));
    reloadEvery.ifPresent(every -> {
      vertx.setPeriodic(Math.max(1000, every.toMillis()), id -> {
        if (busy.compareAndSet(false, true)) {
          loading.loadAndPublish().onComplete(done -> busy.set(false));
        }
      });
    });
    // Live inputs (a watched directory, git, an archive or release URL) reload on their own
    // interval and on change; for other loaders this does nothing.
    loading.reloadEvery(live.reloadInterval);
    Future<?> streamsLoaded = new CoreOsLoading(vertx, coreosSources(metrics), strict, coreos, metrics)
        .start(Duration.ofSeconds(Math.max(1, streamsIntervalSeconds)));
    return new Running(vertx, server, Future.all(openshift, streamsLoaded));
  }

  private CoreOsSources coreosSources(ServerMetrics metrics) {
    if ((streamsReleasesUrl == null) != (streamsUpdatesUrl == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--streams-releases-url and --streams-updates-url go together: give both");
    }
    Optional<CoreOsSources.UrlTemplates> urls = streamsReleasesUrl == null
        ? Optional.empty()
        : Optional.of(new CoreOsSources.UrlTemplates(streamsReleasesUrl, streamsUpdatesUrl, streamNames));
    if (streams != null && urls.isPresent()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --streams or the --streams-*-url templates, not both");
    }
    return new CoreOsSources(Optional.ofNullable(streams), urls, problem -> {
      LOG.warn("CoreOS stream not refreshed, its last good graph keeps serving: {}", problem);
      metrics.coreosFetchFailed(problem);
    });
  }

  private void reportLoadFailure(Throwable cause) {
    PrintWriter err = spec.commandLine().getErr();
    if (cause instanceof InvalidInputException invalid) {
      err.println("covington: the graph was not loaded: " + invalid.problems().size() + " problem(s)"
          + (strict ? " (--strict)" : "") + ":");
      invalid.problems().forEach(p -> err.println("  " + p));
    } else {
      err.println("covington: the graph was not loaded: " + cause);
    }
    err.flush();
  }

  /** The version from the jar manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"covington " + (version == null ? "development build" : version)};
    }
  }
}
