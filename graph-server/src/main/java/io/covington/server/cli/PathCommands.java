package io.covington.server.cli;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.model.Risk;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.policy.path.AcceptedRisks;
import io.covington.policy.path.CutEdge;
import io.covington.policy.path.Hop;
import io.covington.policy.path.PathCut;
import io.covington.policy.path.PathIndex;
import io.covington.policy.path.PathPlan;
import io.covington.policy.path.PathQueryException;
import io.covington.policy.path.PathRequest;
import io.covington.policy.path.SafePathPlanner;
import io.covington.policy.path.UpdateExplainer;
import io.covington.policy.path.UpdateExplanation;
import io.covington.policy.path.UpdateReason;
import io.covington.server.path.PathJson;
import io.covington.sources.OpenShiftLoader;
import io.covington.sources.ParseCache;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code path} and {@code explain} subcommands: the same questions as the HTTP API, answered
 * from the bundled or given data, for people preparing mirrors of disconnected sites; on a CoreOS
 * stream with {@code --stream} ({@link StreamAnswers}).
 */
final class PathCommands {

  /** How many updates of a cut the table shows. */
  private static final int CUT_ROWS = 10;

  private PathCommands() {}

  /** The OpenShift data the commands answer from: the bundled data unless given. */
  static final class DataOptions {
    @Option(names = "--graph-data", paramLabel = "DIR", description = "Graph-data directory (default: the bundled one).")
    Path graphData;

    @Option(names = "--releases", paramLabel = "PATH_OR_URL",
        description = "Release-metadata directory, or raw graph JSON file or URL (default: the bundled releases).")
    String releases;

    @Option(names = "--parse-cache", paramLabel = "DIR",
        description = "Where the parse of the bundled data and of --graph-data is kept between runs, so a run parses"
            + " only the files that changed (default: $XDG_CACHE_HOME/covington/parsed, or ~/.cache/covington/parsed)."
            + " Entries are checked against each file's SHA-256; a corrupt or foreign cache is ignored and rewritten.")
    Path parseCache;

    @Option(names = "--no-parse-cache", description = "Parse everything and keep nothing between runs.")
    boolean noParseCache;

    /** The parse cache these options name. */
    ParseCache parseCache() {
      if (noParseCache) {
        return ParseCache.none();
      }
      if (parseCache != null) {
        return ParseCache.in(parseCache);
      }
      return defaultParseCache(System.getenv()).map(ParseCache::in).orElseGet(ParseCache::none);
    }

    GraphSnapshot load() throws QueryRefused, InterruptedException {
      try {
        return OpenShiftLoader.loadOnce(Optional.ofNullable(releases), Optional.ofNullable(graphData), parseCache());
      } catch (InvalidInputException e) {
        throw new QueryRefused("unreadable_data", e.problems().stream().map(LoadProblem::toString)
            .collect(Collectors.joining("; ", "the data cannot be read (--graph-data, --releases): ", "")));
      }
    }
  }

  /** The commands' parse cache when none is named: under the XDG cache directory; none without a home. */
  static Optional<Path> defaultParseCache(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Optional.of(Path.of(xdg, "covington", "parsed"));
    }
    String home = System.getProperty("user.home");
    if (home == null || home.isBlank() || home.equals("?")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(home, ".cache", "covington", "parsed"));
  }

  /** Options shared by both commands: the data, and the channel or the CoreOS stream. */
  static final class Query {
    @Mixin DataOptions data;

    @Option(names = "--channel", paramLabel = "CHANNEL", description = "The OpenShift/OKD channel, e.g. stable-4.16.")
    String channel;

    @Option(names = "--arch", defaultValue = "amd64", paramLabel = "ARCH",
        description = "Architecture of --channel (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--stream", paramLabel = "STREAM", description = "Instead of --channel: the CoreOS stream, e.g. stable.")
    String stream;

    @Option(names = "--basearch", paramLabel = "BASEARCH", defaultValue = "x86_64",
        description = "Base architecture of --stream (default: ${DEFAULT-VALUE}).")
    String basearch;

    @Option(names = "--streams", paramLabel = "DIR",
        description = "CoreOS streams directory, DIR/<stream>/releases.json and updates.json (default: the bundled streams).")
    Path streams;

    @Option(names = "--rollout-wariness", paramLabel = "W",
        description = "For --stream: the node's rollout wariness, 0.0 to 1.0 (default: 0, every rollout open).")
    String rolloutWariness;

    @Option(names = "--oci", description = "For --stream: the container-image (OCI) graph instead of the OSTree one.")
    boolean oci;

    @Option(names = "--from", required = true, paramLabel = "VERSION", description = "The version updated from.")
    String from;

    @Option(names = "--json", description = "Print the JSON the HTTP API answers instead of a table.")
    boolean json;

    GraphSnapshot load() throws QueryRefused, InterruptedException {
      return data.load();
    }

    /**
     * The CoreOS stream asked for, or empty for a channel; refuses a query that gives both, neither,
     * or flags of the other product.
     */
    Optional<StreamAnswers> coreos(CommandSpec spec) throws QueryRefused {
      ParseResult given = spec.commandLine().getParseResult();
      if ((channel == null) == (stream == null)) {
        throw new ParameterException(spec.commandLine(),
            "give --channel (OpenShift, OKD) or --stream (CoreOS): " + (channel == null ? "neither" : "not both"));
      }
      if (stream == null) {
        for (String flag : List.of("--basearch", "--streams", "--rollout-wariness", "--oci")) {
          if (given.hasMatchedOption(flag)) {
            throw new ParameterException(spec.commandLine(), flag + " is for --stream; --channel takes --arch");
          }
        }
        return Optional.empty();
      }
      for (String flag : List.of("--arch", "--graph-data", "--releases", "--accept-risks")) {
        if (given.hasMatchedOption(flag)) {
          throw new ParameterException(spec.commandLine(), flag + " is for --channel; --stream takes --basearch and --streams");
        }
      }
      return Optional.of(StreamAnswers.of(Optional.ofNullable(streams), stream, basearch, oci,
          Optional.ofNullable(rolloutWariness)));
    }
  }

  /** {@code covington path}: the safest shortest way from one release to another. */
  @Command(name = "path", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Plan the update path from one release to another in a channel (or a CoreOS stream): fewest hops,"
          + " then the newest releases; conditional updates only when all their risks are accepted.")
  public static final class PathCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Query query;

    @Option(names = "--to", paramLabel = "VERSION", description = "The version to reach (default: the newest reachable).")
    String to;

    @Option(names = "--accept-risks", paramLabel = "NAMES", description = "Risks accepted: comma-separated names, or all.")
    String acceptRisks;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try {
        Optional<StreamAnswers> coreos = query.coreos(spec);
        if (coreos.isPresent()) {
          boolean reachable = coreos.get().path(out, query.from, Optional.ofNullable(to), query.json);
          out.flush();
          return reachable ? 0 : 1;
        }
      } catch (QueryRefused e) {
        return refused(spec, e.kind(), e.getMessage());
      }
      PathPlan plan;
      try {
        plan = new SafePathPlanner(PathIndex.of(query.load())).plan(
            PathRequest.of(query.channel, query.arch, query.from, Optional.ofNullable(to)).accepting(AcceptedRisks.parse(acceptRisks)));
      } catch (PathQueryException e) {
        return refused(spec, e.kind().wireName(), e.getMessage());
      } catch (QueryRefused e) {
        return refused(spec, e.kind(), e.getMessage());
      }
      if (query.json) {
        out.println(new String(PathJson.plan(plan), StandardCharsets.UTF_8));
      } else {
        printPlan(out, plan);
      }
      out.flush();
      return plan.reachable() ? 0 : 1;
    }
  }

  /** {@code covington explain}: why a direct update is or is not offered. */
  @Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Explain why the direct update from one release to another is or is not offered in a channel"
          + " (or a CoreOS stream).")
  public static final class ExplainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Query query;

    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "The version updated to.")
    String to;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try {
        Optional<StreamAnswers> coreos = query.coreos(spec);
        if (coreos.isPresent()) {
          coreos.get().explain(out, query.from, to, query.json);
          out.flush();
          return 0;
        }
      } catch (QueryRefused refused) {
        return refused(spec, refused.kind(), refused.getMessage());
      }
      UpdateExplanation e;
      try {
        e = new UpdateExplainer(PathIndex.of(query.load())).explain(query.channel, query.arch, query.from, to);
      } catch (QueryRefused refused) {
        return refused(spec, refused.kind(), refused.getMessage());
      }
      if (query.json) {
        out.println(new String(PathJson.explanation(e), StandardCharsets.UTF_8));
      } else {
        out.printf("%s %s: %s -> %s is %s%n", e.channel(), e.arch(), e.from(), e.to(), e.offer().wireName().replace('_', ' '));
        for (UpdateReason reason : e.reasons()) {
          out.println("  - " + reason.describe());
        }
      }
      out.flush();
      return 0;
    }
  }

  /** A query the data cannot answer: the HTTP API's error kind and why, exit status 2. */
  static int refused(CommandSpec spec, String kind, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(spec.qualifiedName() + ": " + kind + ": " + message);
    err.flush();
    return 2;
  }

  static void printPlan(PrintWriter out, PathPlan plan) {
    out.printf("%s %s: %s -> %s: %s%n", plan.channel(), plan.arch(), plan.from(), plan.target(),
        plan.reachable() ? plural(plan.hops().size(), "hop") : "not reachable");
    if (plan.reachable() && !plan.hops().isEmpty()) {
      Table table = new Table("#", "FROM", "TO", "KIND", "RISKS");
      int i = 1;
      for (Hop hop : plan.hops()) {
        table.row(Integer.toString(i++), hop.from(), hop.to(), hop.kind().wireName(), names(hop.risks()));
      }
      table.print(out);
    }
    plan.cut().ifPresent(cut -> printCut(out, cut));
  }

  /** The updates that cut the way, and the risks that would open it. */
  static void printCut(PrintWriter out, PathCut cut) {
    out.printf("The way is cut by %s:%n", plural(cut.totalEdges(), "update"));
    Table table = new Table("FROM", "TO", "WHY");
    for (CutEdge edge : cut.edges().subList(0, Math.min(CUT_ROWS, cut.edges().size()))) {
      table.row(edge.from(), edge.to(), edge.reasons().stream().map(UpdateReason::describe).collect(Collectors.joining("; ")));
    }
    table.print(out);
    int shown = Math.min(CUT_ROWS, cut.edges().size());
    if (shown < cut.totalEdges()) {
      out.printf("  (%d more; --json lists up to %d)%n", cut.totalEdges() - shown, cut.edges().size());
    }
    if (cut.risksCanOpen()) {
      out.printf("Accepting %s opens a path%s.%n", names(cut.smallestRiskSet()),
          cut.provenMinimal() ? " (the smallest such set)" : " (the search stopped early: a smaller set may exist)");
    } else {
      out.println("No set of risks opens a path: the target is not reachable in this channel.");
    }
  }

  static String names(List<Risk> risks) {
    return risks.isEmpty() ? "-" : risks.stream().map(Risk::name).collect(Collectors.joining(", "));
  }

  static String plural(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  /** A plain text table with columns as wide as their widest cell. */
  static final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
      rows.add(header);
    }

    void row(String... cells) {
      rows.add(cells);
    }

    void print(PrintWriter out) {
      int[] widths = new int[rows.get(0).length];
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          widths[i] = Math.max(widths[i], row[i].length());
        }
      }
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < row.length; i++) {
          line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
        }
        out.println(line.toString().stripTrailing());
      }
    }
  }
}
