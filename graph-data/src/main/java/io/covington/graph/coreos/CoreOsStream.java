package io.covington.graph.coreos;

import java.util.Objects;

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
}
