package io.covington.server.changes;

import io.covington.graph.validate.GraphChange;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One published snapshot whose served graphs differ from the one published before it.
 *
 * @param sequence its number in the history, from 1, increasing
 * @param at when it was published
 * @param baseRevision the revision published before it
 * @param revision its revision ({@code <releases revision>/<graph-data revision>})
 * @param changes what changed, by architecture and channel
 */
public record Publication(long sequence, Instant at, String baseRevision, String revision, List<GraphChange> changes) {

  public Publication {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(baseRevision, "baseRevision");
    Objects.requireNonNull(revision, "revision");
    changes = List.copyOf(changes);
  }

  /** This publication's changes of one channel (on every architecture); all of them when {@code channel} is empty. */
  public List<GraphChange> of(String channel) {
    return channel.isEmpty() ? changes : changes.stream().filter(c -> c.channel().equals(channel)).toList();
  }
}
