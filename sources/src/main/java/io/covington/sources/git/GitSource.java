package io.covington.sources.git;

import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InputLimits;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.sources.EarlierRevision;
import io.covington.sources.NetworkFailure;
import io.covington.sources.Source;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * Graph-data in a git repository ({@code https}, {@code ssh}, {@code git} or {@code file} URL),
 * fetched with JGit into a bare clone under the cache directory. Follows a branch's head, or stays
 * on a fixed revision. Each commit is written into a fresh directory of its own before it is read,
 * so a fetch never changes files under a reader. The revision is the commit id.
 */
public final class GitSource implements Source<GraphData> {

  private static final int TIMEOUT_SECONDS = 60;

  private final String url;
  private final String branch;
  private final Optional<String> fixedRevision;
  private final Path cacheDir;
  private final GitCredentials credentials;
  private final InputLimits limits;
  private Git git;
  private ObjectId checkedOut;
  private Path tree;

  /**
   * @param branch the branch to follow (ignored with a fixed revision)
   * @param fixedRevision a commit id, tag or other revision to stay on
   * @param cacheDir where the clone and the checked-out trees live; created when missing
   */
  public GitSource(String url, String branch, Optional<String> fixedRevision, Path cacheDir, GitCredentials credentials) {
    this(url, branch, fixedRevision, cacheDir, credentials, InputLimits.DEFAULT);
  }

  /** @param limits the limits each checked-out tree is read within */
  public GitSource(String url, String branch, Optional<String> fixedRevision, Path cacheDir, GitCredentials credentials,
      InputLimits limits) {
    this.limits = limits;
    this.url = url;
    this.branch = branch;
    this.fixedRevision = fixedRevision;
    this.cacheDir = cacheDir.toAbsolutePath();
    this.credentials = credentials;
    GitTrees.prepareJGit();
  }

  @Override
  public String update() throws IOException, InvalidInputException {
    if (checkedOut != null && fixedRevision.isPresent()) {
      return checkedOut.name();
    }
    try {
      Git repo = repository();
      FetchCommand fetch = repo.fetch().setRemote(url).setTimeout(TIMEOUT_SECONDS).setTagOpt(TagOpt.FETCH_TAGS);
      fetch.setRefSpecs(fixedRevision.isPresent()
          ? List.of(new RefSpec("+refs/heads/*:refs/remotes/origin/*"))
          : List.of(new RefSpec("+refs/heads/" + branch + ":refs/remotes/origin/" + branch)));
      credentials.apply(fetch, url);
      fetch.call();
      String wanted = fixedRevision.map(r -> r + "^{commit}").orElse("refs/remotes/origin/" + branch);
      ObjectId commit = repo.getRepository().resolve(wanted);
      if (commit == null) {
        throw new InvalidInputException(List.of(LoadProblem.of(url, "unknown_revision",
            fixedRevision.map(r -> "revision " + r).orElse("branch " + branch) + " is not in the repository")));
      }
      if (!commit.equals(checkedOut)) {
        checkout(repo, commit);
      }
      return checkedOut.name();
    } catch (GitAPIException e) {
      throw new IOException("fetching " + url + " failed: " + reason(e), e);
    }
  }

  /** JGit's message, and the network cause under it when the message does not say it. */
  private String reason(GitAPIException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root == e) {
      return message;
    }
    Optional<URI> target = Optional.empty();
    try {
      target = Optional.of(URI.create(url)).filter(u -> u.getHost() != null);
    } catch (IllegalArgumentException notAUri) {
      // An scp-like ssh address (git@host:repo): JGit's own words only.
    }
    String cause = root instanceof IOException io && target.isPresent()
        ? NetworkFailure.describe(io, target.get())
        : String.valueOf(root.getMessage());
    return message.contains(cause) ? message : message + " (" + cause + ")";
  }

  private Git repository() throws IOException, GitAPIException {
    if (git == null) {
      Path bare = cacheDir.resolve("repo.git");
      Files.createDirectories(cacheDir.resolve("trees"));
      git = Files.isDirectory(bare.resolve("objects"))
          ? Git.open(bare.toFile())
          : Git.init().setBare(true).setDirectory(bare.toFile()).call();
      // JGit runs the automatic gc after a fetch on a thread of its own by default, which could
      // still write into the clone after close(); run it on the reload worker, within the
      // attempt's deadline, instead.
      StoredConfig config = git.getRepository().getConfig();
      config.setBoolean("gc", null, "autoDetach", false);
      config.save();
    }
    return git;
  }

  private void checkout(Git repo, ObjectId commit) throws IOException {
    Path trees = cacheDir.resolve("trees");
    Path target = trees.resolve(commit.name());
    if (!Files.isDirectory(target)) {
      GitTrees.materialize(repo.getRepository(), commit, "", target);
    }
    checkedOut = commit.copy();
    tree = target;
    // Only the tree just checked out is read from now on; the others can go.
    try (Stream<Path> old = Files.list(trees)) {
      old.filter(p -> !p.equals(target)).forEach(GitTrees::deleteTree);
    }
  }

  @Override
  public GraphData read() throws InvalidInputException {
    if (tree == null) {
      throw new IllegalStateException("read() before a successful update()");
    }
    return GraphDataReader.read(tree, limits).withRevision(checkedOut.name());
  }

  /** The first-parent commits before the one checked out, each read from a tree of its own that is deleted after. */
  @Override
  public List<EarlierRevision<GraphData>> earlier(int count) throws IOException {
    if (checkedOut == null || count <= 0) {
      return List.of();
    }
    Path history = cacheDir.resolve("history");
    Files.createDirectories(history);
    List<EarlierRevision<GraphData>> result = new ArrayList<>();
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      RevCommit commit = walk.parseCommit(checkedOut);
      for (int i = 0; i < count && commit.getParentCount() > 0; i++) {
        commit = walk.parseCommit(commit.getParent(0));
        Path tree = history.resolve(commit.name());
        GitTrees.deleteTree(tree);
        try {
          GitTrees.materialize(git.getRepository(), commit, "", tree);
          GraphData data = GraphDataReader.read(tree, limits).withRevision(commit.name());
          result.add(new EarlierRevision<>(commit.name(), Instant.ofEpochSecond(commit.getCommitTime()), data));
        } catch (InvalidInputException e) {
          // A commit that cannot be read was never served either: the history goes across it.
        } finally {
          GitTrees.deleteTree(tree);
        }
      }
    }
    Collections.reverse(result);
    return List.copyOf(result);
  }

  @Override
  public String location() {
    return url + " " + fixedRevision.map(r -> "at " + r).orElse("branch " + branch);
  }

  @Override
  public void close() {
    if (git != null) {
      git.close();
    }
  }
}
