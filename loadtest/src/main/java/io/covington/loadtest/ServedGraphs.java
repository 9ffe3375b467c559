package io.covington.loadtest;

import java.util.List;

/**
 * What the server under test serves, as the {@link Survey} learnt it over the wire protocols:
 * every channel graph with releases, per architecture, and every CoreOS stream graph with
 * releases, per base architecture. Empty graphs are not in it.
 *
 * @param channels the OpenShift channel graphs that have nodes
 * @param emptyArches the OpenShift architectures asked for that have no release in any channel
 * @param streams the CoreOS stream graphs that have nodes
 */
record ServedGraphs(List<ChannelGraph> channels, List<String> emptyArches, List<StreamGraph> streams) {

  ServedGraphs {
    channels = List.copyOf(channels);
    emptyArches = List.copyOf(emptyArches);
    streams = List.copyOf(streams);
  }

  /** One channel on one architecture, with the versions of its graph's nodes in the order served. */
  record ChannelGraph(String channel, String arch, List<String> versions) {
    ChannelGraph {
      versions = List.copyOf(versions);
      if (versions.isEmpty()) {
        throw new IllegalArgumentException("channel " + channel + " on " + arch + " has no release: it is never polled");
      }
    }
  }

  /** One CoreOS stream on one base architecture, with the versions of its graph's nodes in the order served. */
  record StreamGraph(String stream, String basearch, List<String> versions) {
    StreamGraph {
      versions = List.copyOf(versions);
      if (versions.isEmpty()) {
        throw new IllegalArgumentException("stream " + stream + " on " + basearch + " has no release: it is never polled");
      }
    }
  }
}
