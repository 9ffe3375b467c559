package io.covington.graph.input;

import java.util.List;

/**
 * A channel of the graph-data repository.
 *
 * @param name the channel name, e.g. {@code stable-4.16}
 * @param versions versions in the channel, as written (no suffix means every architecture)
 * @param source the file it was read from
 */
public record Channel(String name, List<String> versions, String source) {

  public Channel {
    versions = List.copyOf(versions);
  }
}
