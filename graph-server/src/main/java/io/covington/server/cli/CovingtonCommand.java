package io.covington.server.cli;

import io.covington.graph.input.InputLimits;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.signature.Keyring;
import io.covington.graph.validate.SafetyPolicy;
import io.covington.server.Covington;
import io.covington.server.ListenFailure;
import io.covington.server.ServerConfig;
import io.covington.server.coreos.CoreOsApi;
import io.covington.server.http.HttpLimits;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.sources.OpenShiftInputs;
import io.covington.sources.OpenShiftInputs.GraphDataLocation;
import io.covington.sources.ParseCache;
import io.covington.sources.Reading;
import io.covington.sources.Signing;
import io.covington.sources.coreos.CoreOsStreamsSource;
import io.covington.sources.registry.ImageSignatures;
import io.covington.sources.registry.RegistryConfig;
import io.covington.sources.registry.RegistryRepository;
import io.covington.sources.registry.RegistrySources;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code covington} command: every flag of the server and every check of them. {@link
 * #validate()} turns the flags into {@link ServeSettings} or refuses them with the flag named;
 * {@link #call()} starts the server with them and serves until SIGTERM.
 */
@Command(
    name = "covington",
    mixinStandardHelpOptions = true,
    versionProvider = CovingtonCommand.Version.class,
    sortOptions = false,
    usageHelpWidth = 110,
    subcommands = {ValidateCommand.class, PathCommands.PathCommand.class, PathCommands.ExplainCommand.class, PlanCommand.class},
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
public final class CovingtonCommand implements Callable<Integer> {

  /** The largest response cache: far more than every body of the largest graph-data. */
  static final long MAX_CACHE_MIB = 1 << 20;

  @Spec CommandSpec spec;

  @Option(
      names = "--graph-data",
      paramLabel = "DIR",
      description = "Graph-data directory in the openshift/cincinnati-graph-data layout, watched for changes"
          + " (default: the bundled one).")
  Path graphData;

  @Option(names = "--graph-data-git", paramLabel = "URL",
      description = "Graph-data from a git repository (https, ssh, git or file URL), fetched on every reload interval,"
          + " e.g. https://github.com/openshift/cincinnati-graph-data.")
  String git;

  @Option(names = "--graph-data-branch", paramLabel = "BRANCH", defaultValue = "master",
      description = "Branch of --graph-data-git to follow (default: ${DEFAULT-VALUE}).")
  String branch;

  @Option(names = "--graph-data-revision", paramLabel = "REV",
      description = "Stay on this commit or tag of --graph-data-git instead of following the branch.")
  String revision;

  @Option(names = "--graph-data-url", paramLabel = "URL",
      description = "Graph-data from a .tar.gz archive at an http(s) URL, re-fetched (If-None-Match) on every reload interval.")
  String url;

  @Option(names = "--git-credentials", paramLabel = "FILE",
      description = "For an https git URL: a file holding USER:TOKEN or a token alone. For an ssh URL: the private key file.")
  Path credentials;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Where git clones and unpacked archives are kept (default: a new temporary directory), and the history"
          + " of graph changes (/v1/changes), which survives restarts only with this flag.")
  Path cacheDir;

  @Option(names = "--parse-cache", paramLabel = "DIR",
      description = "Where the parse of the bundled data and of a --graph-data directory is kept between restarts, so a"
          + " start parses only the files that changed (default: DIR/parsed of --cache-dir when given, else none)."
          + " Entries are checked against each file's SHA-256; a corrupt or foreign cache is ignored and rewritten.")
  Path parseCache;

  @Option(names = "--reload-interval", paramLabel = "DURATION", defaultValue = "60s",
      converter = DurationConverter.class,
      description = "How often live inputs (--graph-data DIR, git, archive and release URLs) are checked for changes;"
          + " a watched directory is also re-read on change (default: ${DEFAULT-VALUE}).")
  Duration reloadInterval;

  @Option(
      names = "--releases",
      paramLabel = "PATH_OR_URL",
      description =
          "Releases: a directory of release-metadata JSON documents, or a raw graph JSON file or http(s) URL"
              + " (default: the bundled releases).")
  String releases;

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
          + CoreOsStreamsSource.FEDORA_RELEASES_URL + " (requires --streams-updates-url).")
  String streamsReleasesUrl;

  @Option(names = "--streams-updates-url", paramLabel = "TEMPLATE",
      description = "URL of each CoreOS stream's updates metadata, with a {stream} placeholder, e.g. "
          + CoreOsStreamsSource.FEDORA_UPDATES_URL + ".")
  String streamsUpdatesUrl;

  @Option(names = "--stream", paramLabel = "NAME", split = ",", defaultValue = "stable,testing,next",
      description = "CoreOS streams fetched from the URLs (default: ${DEFAULT-VALUE}).")
  List<String> streamNames;

  @Option(names = "--streams-interval", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How often streams given by URL are read again, e.g. 30s (a bare number is seconds); on error a"
          + " stream keeps its last good graph, or serves nothing if it never loaded (default: ${DEFAULT-VALUE}).")
  Duration streamsInterval;

  @Option(names = "--coreos-path-prefix", paramLabel = "PREFIX", defaultValue = CoreOsApi.DEFAULT_PREFIX,
      description = "Path prefix of the CoreOS graph API, /v1/graph under it (default: none).")
  String coreosPathPrefix;

  @Option(names = "--releases-registry", paramLabel = "[http://]HOST[:PORT]/REPO",
      description = "Read releases from every tag of this registry repository (repeatable), e.g."
          + " mirror.example:5000/openshift/release-images; TLS unless the http:// prefix asks for plain HTTP.")
  List<String> releasesRegistries = new ArrayList<>();

  @Option(names = "--graph-data-image", paramLabel = "[http://]HOST[:PORT]/REPO:TAG",
      description = "Graph-data from this image (as oc-mirror ships it, e.g. mirror.example:5000/openshift/graph-image:latest),"
          + " unpacked again whenever the tag moves to another digest.")
  String graphDataImage;

  @Option(names = "--registry-auth", paramLabel = "FILE",
      description = "Registry logins: a Docker/Podman auth.json or .dockercfg (default: anonymous).")
  Path registryAuth;

  @Option(names = "--registry-ca", paramLabel = "FILE",
      description = "Extra PEM CA certificates trusted for registries, besides the system's (repeatable).")
  List<Path> registryCas = new ArrayList<>();

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

  @Option(names = "--signatures-dir", paramLabel = "DIR",
      description = "Release signatures mirrored apart from the graph-data, as sha256/<hex>/signature-<n> (as the graph-data's"
          + " own signatures/ folder), served with them at {prefix}/signatures/ and re-read on every reload.")
  Path signaturesDir;

  @Option(names = "--release-keyring", paramLabel = "FILE_OR_DIR",
      description = "OpenPGP public keys (armored or binary files, or a directory of them; repeatable) that served release"
          + " signatures must verify with; others are not served and are reported (default: served unchecked).")
  List<Path> releaseKeyrings = new ArrayList<>();

  @Option(names = "--graph-data-keyring", paramLabel = "FILE_OR_DIR",
      description = "With --graph-data-image: use an image only once a signature of its manifest digest verifies with"
          + " one of these OpenPGP public keys (repeatable); an unsigned image is refused and the old graph kept.")
  List<Path> graphDataKeyrings = new ArrayList<>();

  @Option(names = "--graph-data-signature-store", paramLabel = "URL", defaultValue = ImageSignatures.DEFAULT_STORE,
      description = "Where the graph-data image's signatures are fetched, URL/sha256=<hex>/signature-<n> (a mirror of"
          + " them, or another Covington's {prefix}/signatures/), or a file: URL of a directory in that layout or in"
          + " --signatures-dir's sha256/<hex>/signature-<n> (default: ${DEFAULT-VALUE}).")
  String graphDataSignatureStore;

  @Option(names = "--strict",
      description = "Refuse inputs with any problem, the first load included: nothing with a problem is published.")
  boolean strict;

  @Option(names = "--fail-fast",
      description = "Exit with status 1, listing the problems, when the first load publishes nothing (for scripts and CI;"
          + " a server keeps running instead, answering 503 and retrying).")
  boolean failFast;

  @Option(names = "--exit-when-ready",
      description = "Once the first load is served, send one request of each kind (graphs, paths, plans, CoreOS, status) on"
          + " loopback, then stop; exit status 0 when all were answered (for image builds that record a class-data"
          + " archive with -XX:ArchiveClassesAtExit, and for smoke tests).")
  boolean exitWhenReady;

  @Option(names = "--reload-timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
      description = "How long one load may take before it is abandoned and reported, naming the source it was reading;"
          + " the next one still runs (default: ${DEFAULT-VALUE}).")
  Duration reloadTimeout;

  @Option(names = "--graph-data-quiet-period", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
      description = "A watched --graph-data directory is read only once no file in it has changed for this long"
          + " (default: ${DEFAULT-VALUE}).")
  Duration quietPeriod;

  @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "1MiB", converter = SizeConverter.class,
      description = "The largest graph-data or release-metadata file read; larger ones are refused (default: ${DEFAULT-VALUE}).")
  long maxFileSize;

  @Option(names = "--max-download-size", paramLabel = "SIZE", defaultValue = "64MiB", converter = SizeConverter.class,
      description = "The largest document read whole or downloaded: a releases file or URL, an archive, a CoreOS"
          + " document (default: ${DEFAULT-VALUE}).")
  long maxDownloadSize;

  @Option(names = "--fetch-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long one download (a releases or archive URL, a CoreOS document), body included, may take;"
          + " a server that trickles is cut off (default: ${DEFAULT-VALUE}).")
  Duration fetchTimeout;

  @Option(names = "--safety-max-reopened", paramLabel = "SHARE", defaultValue = "25%", converter = ShareConverter.class,
      description = "Hold a reload back when it would offer again more than this share of the blocked updates"
          + " (default: ${DEFAULT-VALUE}; 100%% never holds).")
  double safetyMaxReopened;

  @Option(names = "--safety-max-unconditioned", paramLabel = "SHARE", defaultValue = "25%", converter = ShareConverter.class,
      description = "Hold a reload back when it would offer more than this share of the conditional updates"
          + " unconditionally (default: ${DEFAULT-VALUE}).")
  double safetyMaxUnconditioned;

  @Option(names = "--safety-max-channel-loss", paramLabel = "SHARE", defaultValue = "25%", converter = ShareConverter.class,
      description = "Hold a reload back when a channel (or CoreOS stream) would lose more than this share of its releases"
          + " (default: ${DEFAULT-VALUE}).")
  double safetyMaxChannelLoss;

  @Option(names = "--accept-revision", paramLabel = "REVISION",
      description = "Publish this held-back revision (a whole revision, its graph-data part or a commit prefix of 7 or more"
          + " characters) although the safety limits would hold it (repeatable; also POST /accept?revision= on the status port).")
  List<String> acceptRevisions = new ArrayList<>();

  @Option(names = "--cache-size", paramLabel = "MIB", defaultValue = "64",
      description = "Bound of each API's cache of rendered (and gzip-compressed) responses, in MiB"
          + " (default: ${DEFAULT-VALUE}).")
  long cacheSizeMib;

  @Option(names = "--event-loops", paramLabel = "N",
      description = "Event loops serving the API port (default: one per core the JVM sees, which follows the"
          + " container's CPU limit; see BENCHMARKS.md).")
  Integer eventLoops;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
      description = "Address both ports listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--shutdown-delay", paramLabel = "DURATION", defaultValue = "0s",
      converter = DurationConverter.class,
      description = "On SIGTERM, keep serving this long with /readiness at 503 before closing the API port,"
          + " so load balancers stop sending first (default: ${DEFAULT-VALUE}).")
  Duration shutdownDelay;

  @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "20s",
      converter = DurationConverter.class,
      description = "On SIGTERM, after the delay, how long requests already received get to finish once the"
          + " API port stops accepting (default: ${DEFAULT-VALUE}).")
  Duration shutdownGrace;

  // The HTTP edge (HttpLimits): timeouts, connection cap, shedding.

  @Option(names = "--header-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = "A request head must be complete this long after the connection opens or a further request's first"
          + " byte, else the connection is closed (default: ${DEFAULT-VALUE}).")
  Duration headerTimeout;

  @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "120s", converter = DurationConverter.class,
      description = "A kept-alive connection with nothing to do is closed this long after its last response"
          + " (default: ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(names = "--write-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "A client that takes none of its queued response for this long is cut off (default: ${DEFAULT-VALUE}).")
  Duration writeTimeout;

  @Option(names = "--max-connections", paramLabel = "N",
      description = "Open API connections at most; at the cap the longest-idle one is closed for a new one"
          + " (default: the file-descriptor limit less 512, and at most a third of the heap at 40 KiB each).")
  Integer maxConnections;

  @Option(names = "--max-requests-in-flight", paramLabel = "N", defaultValue = "512",
      description = "Per event loop: requests being answered above which new ones get 503 overloaded"
          + " (default: ${DEFAULT-VALUE}).")
  int maxRequestsInFlight;

  @Option(names = "--max-queued-mib", paramLabel = "MIB", defaultValue = "64",
      description = "Per event loop: response MiB queued for slow clients above which new requests get 503 overloaded"
          + " (default: ${DEFAULT-VALUE}).")
  long maxQueuedMib;

  @Option(names = "--socket-send-buffer", paramLabel = "KIB", defaultValue = "0",
      description = "Each API connection's socket send buffer in KiB; 0 leaves it to the kernel, which grows it to"
          + " whole responses (default: ${DEFAULT-VALUE}).")
  int socketSendBufferKib;

  /** The command line of {@code command}, taking defaults from {@code environment} ({@link EnvironmentDefaults}). */
  public static CommandLine commandLine(CovingtonCommand command, Map<String, String> environment) {
    return new CommandLine(command)
        .setDefaultValueProvider(new EnvironmentDefaults(environment))
        .setParameterExceptionHandler(CovingtonCommand::usageError)
        .setExecutionExceptionHandler(CovingtonCommand::unexpected);
  }

  /**
   * A failure no command turned into a message: one line naming the command and the exception, not
   * a stack trace (a bug to report, with that line).
   */
  static int unexpected(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    PrintWriter err = command.getErr();
    err.println(command.getCommandSpec().qualifiedName() + ": unexpected error: " + e
        + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
    err.flush();
    return command.getCommandSpec().exitCodeOnExecutionException();
  }

  /**
   * A usage error in one line naming the flag, and where the flags are described: the whole help
   * would bury the one line that matters.
   */
  static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(command.getColorScheme().errorText(command.getCommandSpec().qualifiedName() + ": " + e.getMessage()));
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for every flag.");
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * Checks the flags together and resolves them.
   *
   * @throws ParameterException naming the flag and what is wrong with it
   */
  public ServeSettings validate() {
    ServerConfig server = server();
    Duration liveInterval = positive("--reload-interval", reloadInterval);
    return new ServeSettings(
        server,
        cacheBytes(),
        eventLoops == null ? Runtime.getRuntime().availableProcessors() : atLeastOne("--event-loops", eventLoops),
        openshift(),
        registryUsed() ? registryInterval : liveInterval,
        Optional.ofNullable(streams),
        streamUrls(),
        positive("--streams-interval", streamsInterval),
        strict,
        failFast,
        positive("--reload-timeout", reloadTimeout),
        List.copyOf(acceptRevisions),
        new SafetyPolicy(safetyMaxReopened, safetyMaxUnconditioned, safetyMaxChannelLoss,
            SafetyPolicy.DEFAULT.minUpdates(), SafetyPolicy.DEFAULT.minChannelReleases()),
        shutdownDelay,
        shutdownGrace);
  }

  private Reading reading() {
    if (maxFileSize < 1 || maxDownloadSize < 1) {
      throw new ParameterException(spec.commandLine(), "--max-file-size and --max-download-size must be at least 1 byte");
    }
    try {
      return new Reading(new InputLimits(maxFileSize, Math.max(InputLimits.DEFAULT.maxTreeBytes(), maxFileSize),
          InputLimits.DEFAULT.maxTreeFiles(), maxDownloadSize), quietPeriod, positive("--fetch-timeout", fetchTimeout));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Starts the server with the validated flags; the result's {@code loaded()} completes with the first load. */
  public Covington start() throws ExecutionException, InterruptedException, TimeoutException {
    return Covington.start(validate());
  }

  @Override
  public Integer call() throws InterruptedException {
    ServeSettings settings = validate();
    Covington running;
    try {
      running = Covington.start(settings);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      spec.commandLine().getErr().println(cause instanceof ListenFailure listen
          ? "covington: " + listen.getMessage() + "; " + whatToDo(listen)
          : "covington: cannot start the server: " + cause);
      return 1;
    }
    try {
      running.loaded().toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      reportLoadFailure(e.getCause());
      running.stop();
      return 1;
    }
    if (exitWhenReady) {
      int failed = WarmUp.run(running.server().apiPort(), running.server().statusPort(), settings.server().pathPrefix(),
          settings.server().coreosPathPrefix(), spec.commandLine().getErr());
      running.stop();
      return failed == 0 ? 0 : 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.shutdown(settings.shutdownDelay(), settings.shutdownGrace());
      stopped.countDown();
    }, "covington-shutdown"));
    stopped.await();
    return 0;
  }

  /** What a user does about a port that cannot be listened on, naming the flag. */
  static String whatToDo(ListenFailure failure) {
    String flag = failure.which() == ListenFailure.Port.API ? "--port" : "--status-port";
    return switch (failure.reason()) {
      case IN_USE -> "stop the other process or pass another " + flag + " (0 picks a free port)";
      case NOT_LOCAL -> "pass --bind with an address of this machine (0.0.0.0 for all)";
      case FORBIDDEN -> "pass a " + flag + " of 1024 or more, or run with the privilege to bind low ports";
      case OTHER -> "check --bind and " + flag;
    };
  }

  private ServerConfig server() {
    port("--port", port);
    port("--status-port", statusPort);
    if (port != 0 && port == statusPort) {
      // Vert.x would share the one port between both servers, alternating API and status answers.
      throw new ParameterException(spec.commandLine(),
          "--port and --status-port are both " + port + ": give the status port another one");
    }
    try {
      return new ServerConfig(bind, port, statusPort,
          ServerConfig.normalizePrefix(pathPrefix), ServerConfig.normalizePrefix(coreosPathPrefix), httpLimits(),
          Optional.ofNullable(cacheDir).map(dir -> dir.resolve("history")));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--path-prefix, --coreos-path-prefix: " + e.getMessage());
    }
  }

  private HttpLimits httpLimits() {
    Duration header = positive("--header-timeout", headerTimeout);
    Duration idle = positive("--idle-timeout", idleTimeout);
    Duration write = positive("--write-timeout", writeTimeout);
    int connections = HttpLimits.automaticMaxConnections();
    if (maxConnections != null) {
      OptionalLong most = HttpLimits.maxConnectionsByFileDescriptors();
      if (maxConnections < 1 || (most.isPresent() && maxConnections > most.getAsLong())) {
        throw new ParameterException(spec.commandLine(), "--max-connections must be 1 to "
            + (most.isPresent() ? most.getAsLong() + " (the file-descriptor limit less " + HttpLimits.FD_RESERVE + ")"
                : "any") + ", got " + maxConnections);
      }
      connections = maxConnections;
    }
    if (maxQueuedMib < 1 || maxQueuedMib > MAX_CACHE_MIB) {
      throw new ParameterException(spec.commandLine(),
          "--max-queued-mib must be 1 to " + MAX_CACHE_MIB + ", got " + maxQueuedMib);
    }
    if (socketSendBufferKib < 0 || socketSendBufferKib > 1 << 16) {
      throw new ParameterException(spec.commandLine(),
          "--socket-send-buffer must be 0 (the kernel's) to 65536 KiB, got " + socketSendBufferKib);
    }
    return new HttpLimits(header, idle, write, connections, atLeastOne("--max-requests-in-flight", maxRequestsInFlight),
        maxQueuedMib << 20, socketSendBufferKib << 10);
  }

  private long cacheBytes() {
    if (cacheSizeMib < 1 || cacheSizeMib > MAX_CACHE_MIB) {
      throw new ParameterException(spec.commandLine(),
          "--cache-size must be 1 to " + MAX_CACHE_MIB + " MiB, got " + cacheSizeMib);
    }
    return cacheSizeMib << 20;
  }

  private OpenShiftInputs openshift() {
    List<String> given = new ArrayList<>();
    if (graphData != null) {
      given.add("--graph-data");
    }
    if (git != null) {
      given.add("--graph-data-git");
    }
    if (url != null) {
      given.add("--graph-data-url");
    }
    if (given.size() > 1) {
      throw new ParameterException(spec.commandLine(), "give graph-data only once; got " + String.join(", ", given));
    }
    if (revision != null && git == null) {
      throw new ParameterException(spec.commandLine(), "--graph-data-revision needs --graph-data-git");
    }
    Optional<RegistryConfig> registry = registry();
    if (registry.isPresent()) {
      if (git != null || url != null) {
        throw new ParameterException(spec.commandLine(),
            "give --graph-data-git or --graph-data-url, or the registry flags, not both");
      }
      if (registry.get().graphDataImage().isPresent() && graphData != null) {
        throw new ParameterException(spec.commandLine(), "give --graph-data or --graph-data-image, not both");
      }
      if (!registry.get().releaseRepositories().isEmpty() && releases != null) {
        throw new ParameterException(spec.commandLine(), "give --releases or --releases-registry, not both");
      }
    }
    GraphDataLocation location;
    if (git != null) {
      location = new GraphDataLocation.Git(git, branch, Optional.ofNullable(revision), Optional.ofNullable(credentials));
    } else if (url != null) {
      location = new GraphDataLocation.Archive(url);
    } else if (graphData != null) {
      location = new GraphDataLocation.Directory(graphData);
    } else {
      location = new GraphDataLocation.Bundled();
    }
    ParseCache parsed = parseCache != null ? ParseCache.in(parseCache)
        : cacheDir != null ? ParseCache.in(cacheDir.resolve("parsed")) : ParseCache.none();
    return new OpenShiftInputs(Optional.ofNullable(releases), location, registry, Optional.ofNullable(cacheDir), reading(),
        signing(registry), parsed);
  }

  private Signing signing(Optional<RegistryConfig> registry) {
    Optional<Keyring> release = keyring("--release-keyring", releaseKeyrings);
    Optional<Keyring> image = keyring("--graph-data-keyring", graphDataKeyrings);
    if (image.isPresent() && registry.flatMap(RegistryConfig::graphDataImage).isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--graph-data-keyring verifies a --graph-data-image: give one");
    }
    URI store;
    try {
      store = new URI(graphDataSignatureStore);
    } catch (URISyntaxException e) {
      store = null;
    }
    boolean local = store != null && "file".equals(store.getScheme());
    if (store == null || (!local && (!List.of("http", "https").contains(String.valueOf(store.getScheme())) || store.getHost() == null))) {
      throw new ParameterException(spec.commandLine(),
          "--graph-data-signature-store must be an http(s) URL or a file: URL of a directory, got \"" + graphDataSignatureStore + "\"");
    }
    if (local && (store.getPath() == null || !Files.isDirectory(Path.of(store.getPath())))) {
      throw new ParameterException(spec.commandLine(),
          "--graph-data-signature-store " + graphDataSignatureStore + " is not a directory (file:///path/to/signatures)");
    }
    if (signaturesDir != null && !Files.isDirectory(signaturesDir)) {
      throw new ParameterException(spec.commandLine(), "--signatures-dir " + signaturesDir + " is not a directory");
    }
    URI base = store;
    return new Signing(Optional.ofNullable(signaturesDir), release,
        image.map(keys -> new RegistrySources.ImageVerification(keys, base)));
  }

  private Optional<Keyring> keyring(String flag, List<Path> paths) {
    if (paths.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Keyring.read(paths));
    } catch (InvalidInputException e) {
      throw new ParameterException(spec.commandLine(), flag + ": " + String.join("; ",
          e.problems().stream().map(LoadProblem::toString).toList()));
    }
  }

  private boolean registryUsed() {
    return !releasesRegistries.isEmpty() || graphDataImage != null;
  }

  private Optional<RegistryConfig> registry() {
    if (!registryUsed()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RegistryConfig(
          releasesRegistries.stream().map(RegistryRepository::parse).toList(),
          Optional.ofNullable(graphDataImage).map(RegistryRepository::parse),
          Optional.ofNullable(registryAuth),
          registryCas,
          Optional.ofNullable(registryCacheDir),
          registryInterval,
          registryConcurrency,
          100,
          RegistryConfig.DEFAULT_FULL_READ_LIMIT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Optional<CoreOsStreamsSource.UrlTemplates> streamUrls() {
    if ((streamsReleasesUrl == null) != (streamsUpdatesUrl == null)) {
      throw new ParameterException(spec.commandLine(),
          "--streams-releases-url and --streams-updates-url go together: give both");
    }
    if (streamsReleasesUrl == null) {
      return Optional.empty();
    }
    if (streams != null) {
      throw new ParameterException(spec.commandLine(), "give --streams or the --streams-*-url templates, not both");
    }
    if (streamNames.isEmpty() || streamNames.stream().anyMatch(String::isBlank)) {
      throw new ParameterException(spec.commandLine(), "--stream must name at least one stream, got " + streamNames);
    }
    return Optional.of(new CoreOsStreamsSource.UrlTemplates(streamsReleasesUrl, streamsUpdatesUrl, streamNames));
  }

  private void port(String flag, int value) {
    if (value < 0 || value > 65535) {
      throw new ParameterException(spec.commandLine(), flag + " must be 0 to 65535, got " + value);
    }
  }

  private int atLeastOne(String flag, int value) {
    if (value < 1) {
      throw new ParameterException(spec.commandLine(), flag + " must be at least 1, got " + value);
    }
    return value;
  }

  private Duration positive(String flag, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new ParameterException(spec.commandLine(), flag + " must be longer than zero");
    }
    return value;
  }

  private void reportLoadFailure(Throwable cause) {
    PrintWriter err = spec.commandLine().getErr();
    if (cause instanceof InvalidInputException invalid) {
      err.println("covington: the graph was not loaded (--fail-fast): " + invalid.problems().size() + " problem(s)"
          + (strict ? " (--strict)" : "") + ":");
      invalid.problems().forEach(p -> err.println("  " + p));
    } else {
      err.println("covington: the graph was not loaded (--fail-fast): " + cause);
    }
    err.flush();
  }

  /** The version from the jar manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = CovingtonCommand.class.getPackage().getImplementationVersion();
      return new String[] {"covington " + (version == null ? "development build" : version)};
    }
  }
}
