package io.covington.graph.snapshot;

import java.util.Comparator;
import java.util.Optional;
import org.semver4j.Semver;

/** Strict SemVer 2.0 parsing and precedence of release versions. */
public final class Versions {

  /** Orders version strings by SemVer precedence, then by text (so build metadata is stable). */
  public static final Comparator<String> PRECEDENCE =
      Comparator.comparing((String v) -> new Semver(v)).thenComparing(Comparator.naturalOrder());

  private Versions() {}

  /** Parses a version strictly; empty when it is not SemVer 2.0. */
  public static Optional<Semver> parse(String version) {
    return Optional.ofNullable(Semver.parse(version)).filter(s -> s.toString().equals(version));
  }

  public static boolean isSemver(String version) {
    return parse(version).isPresent();
  }
}
