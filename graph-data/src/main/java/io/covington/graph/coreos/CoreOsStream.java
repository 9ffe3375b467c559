package io.covington.graph.coreos;

import java.util.Objects;
import java.util.Optional;

/**
 * One stream's inputs, read and checked against each other.
 *
 * @param name the stream name, e.g. {@code stable}
 * @param index its release index
 * @param updates its updates metadata
 */
public record CoreOsStream(String name, ReleaseIndex index, UpdatesMetadata updates) {

  public CoreOsStream {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(updates, "updates");
  }

  /**
   * What of this stream's data is synthesized rather than real (the bundled streams: checksums,
   * image digests and architecture availability), as its release index declares; empty for real data.
   */
  public Optional<String> synthetic() {
    return index.synthetic();
  }
}
