package io.covington.graph.model;

import java.util.Objects;

/** An update from one version to another, named by versions without arch suffix. */
public record VersionPair(String from, String to) {

  public VersionPair {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
