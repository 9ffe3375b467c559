package io.covington.graph.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a signature tree in the layout of the reference's metadata-helper and of OpenShift's
 * public signature mirror: {@code <root>/sha256/<64 lowercase hex>/signature-<n>}, {@code n} from
 * 1. Files are read as {@link InputFiles} reads any input tree (regular files inside the tree,
 * within the limits); an entry that does not follow the layout, or cannot be read, is reported as a
 * {@link #PROBLEM_KIND} warning and left out.
 */
public final class SignatureTreeReader {

  /**
   * The kind of every problem of a signature tree: a warning, not an error of the graph-data, since a
   * misplaced or unreadable signature only leaves that signature unserved.
   */
  public static final String PROBLEM_KIND = "signature_tree";

  /** The only digest algorithm the cluster-version-operator asks signatures for. */
  public static final String ALGORITHM = "sha256";
  /** A digest's hex part. */
  public static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern FILE = Pattern.compile("signature-([1-9][0-9]{0,5})");

  private SignatureTreeReader() {}

  /** Whether {@code digest} is {@code sha256:<64 lowercase hex>}. */
  public static boolean isDigest(String digest) {
    return digest.startsWith(ALGORITHM + ":") && HEX.matcher(digest.substring(ALGORITHM.length() + 1)).matches();
  }

  /**
   * Reads the tree under {@code root}; a missing root is an empty tree.
   *
   * @param shownAs how files are named in problems and {@link SignatureFile#source()}, e.g. {@code
   *     signatures} for a graph-data's folder or the directory's path
   */
  public static ReleaseSignatures read(Path root, String shownAs, InputLimits limits) {
    Problems problems = new Problems();
    List<SignatureFile> files = new ArrayList<>();
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return ReleaseSignatures.empty();
    }
    if (!Files.isDirectory(root)) {
      problems.add(shownAs, PROBLEM_KIND, "is not a directory; a signature tree is <algo>/<hex>/signature-<n>");
      return new ReleaseSignatures(files, problems.list());
    }
    try {
      InputFiles reader = new InputFiles(root, limits);
      for (Path algo : list(root)) {
        String algoName = algo.getFileName().toString();
        if (!algoName.equals(ALGORITHM) || !Files.isDirectory(algo)) {
          problems.add(shownAs + "/" + algoName, PROBLEM_KIND, "ignored: only " + ALGORITHM + "/<hex>/signature-<n> is read here");
          continue;
        }
        for (Path digest : list(algo)) {
          String hex = digest.getFileName().toString();
          String at = shownAs + "/" + algoName + "/" + hex;
          if (!HEX.matcher(hex).matches() || !Files.isDirectory(digest)) {
            problems.add(at, PROBLEM_KIND, "ignored: not a folder named by a sha256 digest (64 lowercase hex digits)");
            continue;
          }
          for (Path file : list(digest)) {
            String name = file.getFileName().toString();
            Matcher m = FILE.matcher(name);
            if (!m.matches()) {
              problems.add(at + "/" + name, PROBLEM_KIND, "ignored: signature files are named signature-<n>, n from 1");
              continue;
            }
            Problems fileProblems = new Problems();
            byte[] bytes = reader.read(file, "signature file", fileProblems);
            fileProblems.list().forEach(p -> problems.add(at + "/" + name, PROBLEM_KIND, p.kind() + ": " + p.message()));
            if (bytes != null) {
              files.add(new SignatureFile(ALGORITHM + ":" + hex, Integer.parseInt(m.group(1)), bytes, at + "/" + name));
            }
          }
        }
      }
    } catch (IOException e) {
      problems.add(shownAs, PROBLEM_KIND, "unreadable: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
    return new ReleaseSignatures(files, problems.list());
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
  }
}
