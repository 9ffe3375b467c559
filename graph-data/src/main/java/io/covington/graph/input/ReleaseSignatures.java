package io.covington.graph.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signature files of a signature tree (a graph-data's {@code signatures/} folder or a separate
 * signatures directory), as read and before any verification.
 *
 * @param files every file read, by digest and then number
 * @param problems what was wrong in the tree (misnamed files and folders, unreadable files); bad
 *     entries were skipped
 */
public record ReleaseSignatures(List<SignatureFile> files, List<LoadProblem> problems) {

  private static final Comparator<SignatureFile> ORDER =
      Comparator.comparing(SignatureFile::digest).thenComparingInt(SignatureFile::number).thenComparing(SignatureFile::source);

  public ReleaseSignatures {
    List<SignatureFile> sorted = new ArrayList<>(files);
    sorted.sort(ORDER);
    files = List.copyOf(sorted);
    problems = List.copyOf(problems);
  }

  /** No signature at all. */
  public static ReleaseSignatures empty() {
    return new ReleaseSignatures(List.of(), List.of());
  }

  /** The files of both; a digest and number given by both is kept once, from {@code other}, and reported. */
  public ReleaseSignatures merge(ReleaseSignatures other) {
    if (other.files.isEmpty() && other.problems.isEmpty()) {
      return this;
    }
    Map<String, SignatureFile> byName = new LinkedHashMap<>();
    List<LoadProblem> merged = new ArrayList<>(problems);
    merged.addAll(other.problems);
    files.forEach(f -> byName.put(f.digest() + "/" + f.number(), f));
    for (SignatureFile f : other.files) {
      SignatureFile old = byName.put(f.digest() + "/" + f.number(), f);
      if (old != null) {
        merged.add(LoadProblem.of(f.source(), "duplicate_signature", "signature-" + f.number() + " of " + f.digest()
            + " is also in " + old.source() + "; this one is used"));
      }
    }
    return new ReleaseSignatures(List.copyOf(byName.values()), merged);
  }

  public boolean isEmpty() {
    return files.isEmpty();
  }
}
