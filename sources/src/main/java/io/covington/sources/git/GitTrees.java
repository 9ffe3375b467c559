package io.covington.sources.git;

import io.covington.sources.archive.Untar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.util.FS;

/**
 * Writes the files of one commit straight from git's tree objects into a new directory, so a
 * reader never sees a tree that is half one commit and half another. Symbolic links and
 * submodules are left out: graph-data has neither, and a link could point outside the tree.
 */
public final class GitTrees {

  static {
    // JGit otherwise measures each file store's timestamp resolution on first use, sleeping
    // seconds on the calling thread; we never compare file timestamps with git's index.
    FS.FileStoreAttributes.setBackground(true);
  }

  private GitTrees() {}

  /** Configures JGit for this process; call before the first JGit use. Idempotent. */
  public static void prepareJGit() {
    // The static initializer does the work.
  }

  /**
   * Writes the files under {@code subPath} (empty for the whole tree) of {@code commit} into
   * {@code target}, which must not exist yet: they are written to a sibling temporary directory
   * first and moved into place in one step.
   */
  public static void materialize(Repository repo, ObjectId commit, String subPath, Path target) throws IOException {
    Path temp = Files.createTempDirectory(target.getParent(), ".checkout-");
    try {
      writeFiles(repo, commit, subPath, temp);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteTree(temp);
      throw e;
    }
  }

  /**
   * Writes the files under {@code subPath} of {@code commit} below {@code root}, which may be on
   * any file system (a zip file system keeps a whole checkout in one file).
   */
  public static void writeFiles(Repository repo, ObjectId commit, String subPath, Path root) throws IOException {
    try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
      RevCommit c = walk.parseCommit(commit);
      tree.addTree(c.getTree());
      tree.setRecursive(true);
      if (!subPath.isEmpty()) {
        tree.setFilter(PathFilter.create(subPath));
      }
      long written = 0;
      int entries = 0;
      while (tree.next()) {
        FileMode mode = tree.getFileMode(0);
        if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
          continue;
        }
        String path = tree.getPathString();
        String relative = subPath.isEmpty() ? path : path.substring(subPath.length() + 1);
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) {
          continue;
        }
        if (++entries > Untar.Budget.ARCHIVE.maxEntries()) {
          throw new IOException("commit " + commit.name() + " has more than " + Untar.Budget.ARCHIVE.maxEntries() + " files; refused");
        }
        Files.createDirectories(file.getParent());
        ObjectLoader blob = repo.open(tree.getObjectId(0));
        written += blob.getSize();
        if (written > Untar.Budget.ARCHIVE.maxBytes()) {
          throw new IOException("commit " + commit.name() + " holds more than " + Untar.Budget.ARCHIVE.maxBytes()
              + " bytes of files; refused (graph-data is a few MB)");
        }
        try (InputStream in = blob.openStream()) {
          Files.copy(in, file);
        }
      }
    }
  }

  /** Deletes a directory tree; best effort. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Left for the next start to clean; nothing reads it any more.
    }
  }
}
