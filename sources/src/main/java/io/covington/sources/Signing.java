package io.covington.sources;

import io.covington.graph.signature.Keyring;
import io.covington.sources.registry.RegistrySources.ImageVerification;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What is signed and who is trusted, as the command line gives it.
 *
 * @param signaturesDir a release signatures directory apart from the graph-data ({@code --signatures-dir})
 * @param releaseKeyring the keys served release signatures are checked with ({@code --release-keyring});
 *     without it signatures are served unchecked
 * @param graphDataImage how the graph-data image must be signed ({@code --graph-data-keyring}), if at all
 */
public record Signing(Optional<Path> signaturesDir, Optional<Keyring> releaseKeyring, Optional<ImageVerification> graphDataImage) {

  public Signing {
    Objects.requireNonNull(signaturesDir, "signaturesDir");
    Objects.requireNonNull(releaseKeyring, "releaseKeyring");
    Objects.requireNonNull(graphDataImage, "graphDataImage");
  }

  /** No separate signatures, nothing checked. */
  public static Signing none() {
    return new Signing(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
