package io.covington.server.source;

import io.covington.graph.input.GraphData;
import io.covington.graph.input.InvalidInputException;
import java.io.IOException;

/**
 * Graph-data that may change while the server runs. {@link #update()} brings it up to date and
 * names the revision it holds; {@link #read()} reads that revision. Called from one worker thread
 * at a time; both block.
 */
public interface GraphDataSource extends AutoCloseable {

  /**
   * Fetches what changed (for remote sources) and returns the revision now held: a commit id, an
   * ETag or a fingerprint. The same revision as last time means {@link #read()} would read the
   * same data.
   */
  String update() throws IOException, InterruptedException, InvalidInputException;

  /** Reads the revision the last {@link #update()} returned. */
  GraphData read() throws InvalidInputException;

  /** Where the data comes from, for logs and the status endpoint. */
  String location();

  /** False for data that can never change (the bundled copy); such a source is read once. */
  default boolean isLive() {
    return true;
  }

  /** Asks to be told as soon as the data may have changed (a watched directory); most sources only poll. */
  default void onChange(Runnable listener) {}

  @Override
  default void close() {}
}
