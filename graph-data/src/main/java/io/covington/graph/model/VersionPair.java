package io.covington.graph.model;

import java.util.Objects;

/** An update from one version to another, named by versions without arch suffix. */
public record VersionPair(String from, String to) {

  public VersionPair {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** Mixed, not the record's {@code 31 * h(from) + h(to)}: that gives 58,786 real pairs only 26,505 hashes. */
  @Override
  public int hashCode() {
    return from.hashCode() * 0x9E3779B1 + to.hashCode();
  }
}
