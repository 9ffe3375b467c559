package io.covington.server;

import io.covington.server.load.LiveInputs;
import io.covington.server.source.BundledGraphDataSource;
import io.covington.server.source.DirectorySource;
import io.covington.server.source.GitCredentials;
import io.covington.server.source.GitSource;
import io.covington.server.source.GraphDataSource;
import io.covington.server.source.ReleasesSource;
import io.covington.server.source.TarballSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The command line's live-data flags: where graph-data comes from and how often it is re-read. */
final class LiveDataOptions {

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
      description = "Where git clones and unpacked archives are kept (default: a new temporary directory).")
  Path cacheDir;

  @Option(names = "--reload-interval", paramLabel = "DURATION", defaultValue = "60s",
      converter = DurationConverter.class,
      description = "How often live inputs (--graph-data DIR, git, archive and release URLs) are checked for changes;"
          + " a watched directory is also re-read on change (default: ${DEFAULT-VALUE}).")
  Duration reloadInterval;

  /** The inputs as given: {@code graphData} is the plain {@code --graph-data DIR}, if any. */
  LiveInputs inputs(Optional<String> releases, Optional<Path> graphData, CommandLine commandLine) {
    List<String> given = new ArrayList<>();
    graphData.ifPresent(d -> given.add("--graph-data"));
    if (git != null) {
      given.add("--graph-data-git");
    }
    if (url != null) {
      given.add("--graph-data-url");
    }
    if (given.size() > 1) {
      throw new CommandLine.ParameterException(commandLine, "give graph-data only once; got " + String.join(", ", given));
    }
    if (reloadInterval.isZero()) {
      throw new CommandLine.ParameterException(commandLine, "--reload-interval must be longer than zero");
    }
    if (revision != null && git == null) {
      throw new CommandLine.ParameterException(commandLine, "--graph-data-revision needs --graph-data-git");
    }
    GraphDataSource source;
    if (git != null) {
      source = new GitSource(git, branch, Optional.ofNullable(revision), cache().resolve("git"),
          new GitCredentials(Optional.ofNullable(credentials)));
    } else if (url != null) {
      source = new TarballSource(url, cache().resolve("archive"));
    } else if (graphData.isPresent()) {
      source = new DirectorySource(graphData.get());
    } else {
      source = new BundledGraphDataSource();
    }
    return new LiveInputs(new ReleasesSource(releases), source);
  }

  private Path cache() {
    try {
      if (cacheDir == null) {
        cacheDir = Files.createTempDirectory("covington-cache-");
      }
      return Files.createDirectories(cacheDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cache directory: " + e.getMessage(), e);
    }
  }
}
