package io.covington.server.cli;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InputLimits;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.graph.validate.ChannelEdgeChanges;
import io.covington.graph.validate.EdgeDiff;
import io.covington.graph.validate.Finding;
import io.covington.graph.validate.GraphDataValidator;
import io.covington.graph.validate.PullRequestReport;
import io.covington.graph.validate.Severity;
import io.covington.graph.validate.ValidationReport;
import io.covington.sources.ReleasesSource;
import io.covington.sources.git.GitTrees;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code covington validate}: checks a graph-data change the way a pull-request check would, and
 * with {@code --base} says which served updates of which channels it removes or makes conditional.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = CovingtonCommand.Version.class,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Checks a graph-data directory: the schema of every file, regular expressions, blocked-edge targets,",
      "duplicate and contradictory blocks, risks without rules, the rules of graph-data's own CI (https risk URLs,",
      "CamelCase risk names, one rule per type, no unknown keys, stable in fast in candidate, no repeated version)",
      "and, with releases, channel versions no release has.",
      "Every PromQL risk rule is evaluated with promtool (a real Prometheus engine) on synthetic one- and",
      "three-node clusters and with its metrics absent, and must give exactly one sample of 0 or 1; without",
      "promtool on the PATH (or --promtool) that check is skipped with a warning.",
      "With --base REV (the directory must be in a git work tree), also lists per channel the updates the change",
      "removes, makes conditional, adds or makes unconditional compared with that revision, and the risks added to,",
      "removed from or changed on updates that stay conditional.",
      "Exit status: 0 when there is no error (warnings allowed), 1 on errors, 2 on a usage error."
    })
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--graph-data", paramLabel = "DIR", required = true,
      description = "The graph-data directory to check (openshift/cincinnati-graph-data layout).")
  Path graphData;

  @Option(names = "--releases", paramLabel = "PATH_OR_URL",
      description = "Releases to check against: a release-metadata directory, a raw graph file or URL"
          + " (default: none; with --base, the bundled releases).")
  String releases;

  @Option(names = "--base", paramLabel = "REV",
      description = "A git revision (commit, branch, tag, HEAD~1) of the repository holding DIR to compare with.")
  String base;

  @Option(names = "--json", description = "Print the report as JSON for CI (the same as --format json).")
  boolean json;

  @Option(names = "--promtool", paramLabel = "PATH",
      description = "The promtool binary that evaluates every PromQL risk rule on synthetic clusters"
          + " (default: promtool on the PATH; the check is reported as skipped without one; none: skip it).")
  String promtool;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default), json, github (GitHub Actions annotations on the files, paths from the repository"
          + " root; with GITHUB_STEP_SUMMARY set, also a Markdown summary there) or markdown.")
  String format;

  @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "1MiB", converter = SizeConverter.class,
      description = "The largest graph-data file accepted, as the server's --max-file-size (default: ${DEFAULT-VALUE}).")
  long maxFileSize;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!List.of("text", "json", "github", "markdown").contains(format)) {
      throw new ParameterException(spec.commandLine(), "--format must be text, json, github or markdown, got '" + format + "'");
    }
    Path dir = graphData.toAbsolutePath().normalize();
    GraphData data;
    try {
      data = GraphDataReader.read(dir, limits());
    } catch (InvalidInputException e) {
      return print(out, new ValidationReport("unreadable", errors(e.problems(), dir), Optional.ofNullable(base), List.of()));
    }
    Optional<ReleaseSet> releaseSet;
    try {
      releaseSet = releases == null ? Optional.empty() : Optional.of(ReleasesSource.read(releases));
    } catch (InvalidInputException e) {
      return print(out, new ValidationReport(data.revision(), errors(e.problems(), dir), Optional.ofNullable(base), List.of()));
    }
    boolean machineReadable = json || !"text".equals(format);
    List<Finding> findings = relative(
        ValidateRiskCheck.with(GraphDataValidator.validate(data, releaseSet), data, promtool, machineReadable, spec.commandLine()), dir);
    List<ChannelEdgeChanges> changes = List.of();
    if (base != null) {
      ReleaseSet diffReleases = releaseSet.isPresent() ? releaseSet.get() : BundledData.releases();
      changes = EdgeDiff.between(GraphSnapshot.build(diffReleases, readBase(dir, base)), GraphSnapshot.build(diffReleases, data));
    }
    return print(out, new ValidationReport(data.revision(), findings, Optional.ofNullable(base), changes));
  }

  private InputLimits limits() {
    if (maxFileSize < 1) {
      throw new ParameterException(spec.commandLine(), "--max-file-size must be at least 1 byte");
    }
    InputLimits d = InputLimits.DEFAULT;
    return new InputLimits(maxFileSize, Math.max(d.maxTreeBytes(), maxFileSize), d.maxTreeFiles(), d.maxDocumentBytes());
  }

  private int print(PrintWriter out, ValidationReport report) throws IOException {
    switch (json ? "json" : format) {
      case "json" -> out.print(report.json());
      case "github" -> {
        PullRequestReport.annotations(report, repositoryPath()).forEach(out::println);
        String summary = System.getenv("GITHUB_STEP_SUMMARY");
        if (summary != null && !summary.isBlank()) {
          Files.writeString(Path.of(summary), PullRequestReport.markdown(report), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
      }
      case "markdown" -> out.print(PullRequestReport.markdown(report));
      default -> report.text().forEach(out::println);
    }
    out.flush();
    return report.hasErrors() ? 1 : 0;
  }

  /**
   * A finding's file (relative to the checked directory) as a path from the root of the git work
   * tree holding it, or from the current directory outside one: what GitHub annotates. Empty for
   * what is not a file of the directory (a URL, the releases).
   */
  private Function<String, Optional<String>> repositoryPath() {
    Path dir = graphData.toAbsolutePath().normalize();
    Path root = dir;
    while (root != null && !Files.exists(root.resolve(".git"))) {
      root = root.getParent();
    }
    Path base = root != null ? root : Path.of("").toAbsolutePath();
    return source -> {
      if (source.isEmpty() || source.contains("://")) {
        return Optional.empty();
      }
      Path file = dir.resolve(source).normalize();
      if (!file.startsWith(dir) || !Files.exists(file) || !file.startsWith(base)) {
        return Optional.empty();
      }
      return Optional.of(base.relativize(file).toString().replace('\\', '/'));
    };
  }

  /** The graph-data in {@code dir} as it was at {@code revision} of the enclosing git repository. */
  static GraphData readBase(Path dir, String revision) throws IOException, InvalidInputException {
    GitTrees.prepareJGit();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile());
    if (builder.getGitDir() == null) {
      throw new IOException(dir + " is not in a git work tree; --base needs one");
    }
    try (Repository repo = builder.build()) {
      ObjectId commit = repo.resolve(revision + "^{commit}");
      if (commit == null) {
        throw new IOException("revision " + revision + " is not in " + repo.getDirectory());
      }
      Path workTree = repo.getWorkTree().toPath().toRealPath();
      String sub = workTree.relativize(dir.toRealPath()).toString().replace('\\', '/');
      // The base checkout goes into one zip file: thousands of small files cost seconds on a slow disk.
      Path zip = Files.createTempFile("covington-base-", ".zip");
      Files.delete(zip);
      try {
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
          GitTrees.writeFiles(repo, commit, sub, fs.getPath("/"));
        }
        try (FileSystem fs = FileSystems.newFileSystem(zip)) {
          return GraphDataReader.read(fs.getPath("/")).withRevision(commit.name());
        }
      } finally {
        Files.deleteIfExists(zip);
      }
    }
  }

  private static List<Finding> errors(List<LoadProblem> problems, Path dir) {
    return relative(problems.stream().map(p -> new Finding(Severity.ERROR, p)).toList(), dir);
  }

  /** Findings with file paths relative to the checked directory, as a reviewer reads them. */
  private static List<Finding> relative(List<Finding> findings, Path dir) {
    String prefix = dir + File.separator;
    return findings.stream()
        .map(f -> {
          LoadProblem p = f.problem();
          String source = p.source().startsWith(prefix) ? p.source().substring(prefix.length()) : p.source();
          return new Finding(f.severity(), new LoadProblem(source, p.line(), p.kind(), p.message()));
        })
        .toList();
  }
}
