package io.covington.server.load;

import io.covington.graph.input.LoadProblem;
import io.covington.graph.snapshot.GraphSnapshot;
import java.util.List;

/**
 * Reads the inputs and builds one graph snapshot. Called on a worker thread, never on the event
 * loop, so it may block on files and the network; never called by two threads at once.
 */
@FunctionalInterface
public interface GraphLoader {

  /**
   * @return the new snapshot, with the problems of its inputs in {@link GraphSnapshot#problems()}
   * @throws Exception when the inputs cannot be used at all (unreadable, unreachable, not the format)
   */
  GraphSnapshot load() throws Exception;

  /**
   * Brings the inputs up to date (fetching when remote) and says whether {@link #load()} would now
   * read other inputs than the last load did, successful or not. By default always true.
   */
  default boolean changed() throws Exception {
    return true;
  }

  /** Whether the inputs can change while the server runs; a loader that cannot is loaded once. */
  default boolean isLive() {
    return false;
  }

  /** Asks to be told as soon as an input may have changed; loaders that only poll ignore it. */
  default void onChange(Runnable listener) {}

  /**
   * Why {@code snapshot}, just returned by {@link #load()}, must not replace a served snapshot;
   * empty when it may. By default, in strict mode, its problems.
   */
  default List<LoadProblem> rejections(GraphSnapshot snapshot, boolean strict) {
    return strict ? snapshot.problems() : List.of();
  }

  /** Where the inputs come from, one line per input, for the status endpoint. */
  default List<String> sources() {
    return List.of();
  }
}
