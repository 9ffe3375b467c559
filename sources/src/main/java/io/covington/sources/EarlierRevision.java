package io.covington.sources;

import java.time.Instant;
import java.util.Objects;

/**
 * What a source held at an earlier revision, for the history of changes: a git graph-data source's
 * earlier commits.
 *
 * @param revision the revision, as {@link Source#update()} names it (a commit id)
 * @param at when it was made (the commit time)
 * @param data what was read from it
 */
public record EarlierRevision<T>(String revision, Instant at, T data) {

  public EarlierRevision {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(data, "data");
  }
}
