package io.covington.sources;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import java.io.IOException;
import java.util.List;

/**
 * One input of a served product that may change while the server runs: releases, graph-data or
 * CoreOS streams, from the bundled data, a directory, git, an archive or document URL, or a
 * registry. {@link #update()} brings it up to date and names the revision it holds; {@link
 * #read()} reads that revision. Called from one worker thread at a time; both may block.
 *
 * @param <T> what is read, e.g. {@code ReleaseSet} or {@code GraphData}
 */
public interface Source<T> extends AutoCloseable {

  /**
   * Fetches what changed (for remote inputs) and returns the revision now held: a commit id, an
   * ETag, a digest or a fingerprint. The same revision as last time means {@link #read()} would
   * read the same data.
   *
   * @throws IOException when the input cannot be reached (a network or file system failure)
   * @throws InvalidInputException when what was fetched cannot be used, naming it
   */
  String update() throws IOException, InterruptedException, InvalidInputException;

  /** Reads the revision the last successful {@link #update()} returned. */
  T read() throws IOException, InvalidInputException;

  /** Where the data comes from, for logs and the status endpoint. */
  String location();

  /** Lines describing this input on the status endpoint; by default its {@link #location()}. */
  default List<String> describe() {
    return List.of(location());
  }

  /**
   * What this source held at up to {@code count} revisions before the one last read, oldest
   * first, for the history of changes; revisions that cannot be read are left out. Empty for a
   * source without history (every one but git). Called on the worker, after a successful {@link
   * #read()}.
   */
  default List<EarlierRevision<T>> earlier(int count) throws IOException {
    return List.of();
  }

  /** False for data that can never change (the bundled copy); such an input is read once. */
  default boolean isLive() {
    return true;
  }

  /** Asks to be told as soon as the data may have changed (a watched directory); most inputs only poll. */
  default void onChange(Runnable listener) {}

  @Override
  default void close() {}

  /**
   * The inputs this source could not refresh on its last {@link #update()} and still holds at an
   * older version (a CoreOS stream URL that failed while the others were read), with what went
   * wrong; empty when everything it read is current.
   */
  default List<LoadProblem> stale() {
    return List.of();
  }

  /**
   * The inputs this source has never read successfully, so that nothing of them is served (a
   * CoreOS stream URL that failed from the start while the others were read), with what went
   * wrong; empty when every input was read at least once.
   */
  default List<LoadProblem> missing() {
    return List.of();
  }
}
