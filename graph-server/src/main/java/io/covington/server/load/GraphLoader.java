package io.covington.server.load;

import io.covington.graph.snapshot.GraphSnapshot;

/**
 * Reads the inputs and builds one graph snapshot. Called on a worker thread, never on the event
 * loop, so it may block on files and the network.
 */
@FunctionalInterface
public interface GraphLoader {

  /**
   * @return the new snapshot, with the problems of its inputs in {@link GraphSnapshot#problems()}
   * @throws Exception when the inputs cannot be used at all (unreadable, unreachable, not the format)
   */
  GraphSnapshot load() throws Exception;
}
