package io.covington.graph.input;

import java.util.Objects;

/**
 * An update declared by release metadata ({@code previous}/{@code next} or a raw graph edge),
 * between release ids of the form {@code version+arch}.
 */
public record ReleaseEdge(String fromId, String toId) {

  public ReleaseEdge {
    Objects.requireNonNull(fromId, "fromId");
    Objects.requireNonNull(toId, "toId");
  }
}
