package io.covington.graph.signature;

import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.ReleaseSignatures;
import io.covington.graph.input.SignatureFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The release signatures one snapshot serves, by manifest digest. With a keyring every signature
 * is checked once, when the snapshot is built, and only those that verify for their digest are
 * served; without one every signature is served as it is (as the reference's metadata-helper does).
 * A digest's served signatures are numbered 1, 2, … in the order of their numbers on disk, so that a
 * gap (a missing or refused file) never hides a later one from the cluster-version-operator, which
 * stops at the first 404. Immutable; lookups are O(1).
 */
public final class SignatureStore {

  /** What a digest has. */
  public enum State {
    /** At least one signature verifies with the keyring. */
    VERIFIED,
    /** Signatures are served, but no keyring was given to check them. */
    UNVERIFIED,
    /** Every signature of the digest was refused. */
    REFUSED,
    /** No signature at all. */
    NONE;

    /** The word of the API, e.g. {@code verified}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The signatures of one digest.
   *
   * @param served the signatures served, in order: served as {@code signature-1}, {@code signature-2}, …
   * @param refused the refused files with why
   * @param signers who signed the verified ones ({@code keyId userId}), in order
   */
  public record DigestSignatures(List<SignatureFile> served, List<LoadProblem> refused, List<String> signers) {
    public DigestSignatures {
      served = List.copyOf(served);
      refused = List.copyOf(refused);
      signers = List.copyOf(signers);
    }
  }

  private static final SignatureStore EMPTY = new SignatureStore(Map.of(), List.of(), List.of(), false);

  private final Map<String, DigestSignatures> byDigest;
  private final List<LoadProblem> refused;
  private final List<LoadProblem> problems;
  private final boolean verifying;
  private final int served;

  private SignatureStore(
      Map<String, DigestSignatures> byDigest, List<LoadProblem> refused, List<LoadProblem> problems, boolean verifying) {
    this.byDigest = Collections.unmodifiableMap(byDigest);
    this.refused = List.copyOf(refused);
    this.problems = List.copyOf(problems);
    this.verifying = verifying;
    this.served = byDigest.values().stream().mapToInt(d -> d.served().size()).sum();
  }

  /** No signatures, nothing verified. */
  public static SignatureStore empty() {
    return EMPTY;
  }

  /**
   * Checks every file of {@code signatures} with {@code verifier} (when given) at {@code now}.
   * Each refused file becomes a problem of kind {@code signature_refused} naming the file and why.
   */
  public static SignatureStore of(ReleaseSignatures signatures, Optional<SignatureVerifier> verifier, Instant now) {
    Map<String, List<SignatureFile>> served = new LinkedHashMap<>();
    Map<String, List<LoadProblem>> refusedByDigest = new LinkedHashMap<>();
    Map<String, List<String>> signers = new LinkedHashMap<>();
    List<LoadProblem> refused = new ArrayList<>();
    List<LoadProblem> problems = new ArrayList<>(signatures.problems());
    for (SignatureFile file : signatures.files()) {
      served.computeIfAbsent(file.digest(), d -> new ArrayList<>());
      if (verifier.isEmpty()) {
        served.get(file.digest()).add(file);
        continue;
      }
      SignatureCheck check = verifier.get().check(file.bytes(), file.digest(), now);
      if (check instanceof SignatureCheck.Verified v) {
        served.get(file.digest()).add(file);
        signers.computeIfAbsent(file.digest(), d -> new ArrayList<>()).add(v.keyId() + " " + v.signer());
      } else {
        LoadProblem problem = LoadProblem.of(file.source(), "signature_refused",
            ((SignatureCheck.Refused) check).reason() + "; it is not served");
        refused.add(problem);
        problems.add(problem);
        refusedByDigest.computeIfAbsent(file.digest(), d -> new ArrayList<>()).add(problem);
      }
    }
    Map<String, DigestSignatures> byDigest = new LinkedHashMap<>();
    served.forEach((digest, files) -> byDigest.put(digest, new DigestSignatures(files,
        refusedByDigest.getOrDefault(digest, List.of()), signers.getOrDefault(digest, List.of()))));
    return new SignatureStore(byDigest, refused, problems, verifier.isPresent());
  }

  /** The {@code number}th served signature of {@code digest} ({@code sha256:<hex>}), 1-based. */
  public Optional<SignatureFile> signature(String digest, int number) {
    DigestSignatures d = byDigest.get(digest);
    return d == null || number < 1 || number > d.served().size() ? Optional.empty() : Optional.of(d.served().get(number - 1));
  }

  /** The signatures of {@code digest}, if it has any file at all. */
  public Optional<DigestSignatures> of(String digest) {
    return Optional.ofNullable(byDigest.get(digest));
  }

  /** What {@code digest} has. */
  public State state(String digest) {
    DigestSignatures d = byDigest.get(digest);
    if (d == null) {
      return State.NONE;
    }
    if (d.served().isEmpty()) {
      return State.REFUSED;
    }
    return verifying ? State.VERIFIED : State.UNVERIFIED;
  }

  /** Every refused file, with why (problems of kind {@code signature_refused}). */
  public List<LoadProblem> refused() {
    return refused;
  }

  /** The problems of the signature tree read (misnamed entries) and every refused file. */
  public List<LoadProblem> problems() {
    return problems;
  }

  /** Whether signatures were checked with a keyring. */
  public boolean verifying() {
    return verifying;
  }

  /** How many signatures are served. */
  public int servedCount() {
    return served;
  }

  /** How many digests have at least one served signature. */
  public int digestCount() {
    return (int) byDigest.values().stream().filter(d -> !d.served().isEmpty()).count();
  }
}
