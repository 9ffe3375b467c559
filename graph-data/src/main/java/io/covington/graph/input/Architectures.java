package io.covington.graph.input;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Architecture names as the graph API uses them (Go's names), with the common aliases. */
final class Architectures {

  private static final Map<String, String> ALIASES =
      Map.of(
          "amd64", "amd64",
          "x86_64", "amd64",
          "arm64", "arm64",
          "aarch64", "arm64",
          "s390x", "s390x",
          "ppc64le", "ppc64le",
          "multi", "multi");

  private Architectures() {}

  /** The API name of {@code arch} ({@code x86_64} → {@code amd64}), empty if unknown. */
  public static Optional<String> normalize(String arch) {
    return Optional.ofNullable(ALIASES.get(arch.toLowerCase(Locale.ROOT)));
  }
}
