package io.covington.graph.snapshot;

import io.covington.graph.input.Channel;
import java.util.Comparator;

/**
 * The order of channel names in a release's channel list, as the reference graph-builder sorts
 * them (and graph-data's {@code hack/graph-util.py} before it): by the text after the first
 * {@code -} compared as a string, then by the whole name. So {@code stable-4.10} comes before
 * {@code stable-4.9}, and {@code candidate-4.12,eus-4.12,fast-4.12,candidate-4.13}: api.openshift.com
 * serves exactly this order (every captured channel of {@code corpus/graphs/ocp-api-amd64/}).
 */
enum ChannelOrder implements Comparator<Channel> {
  INSTANCE;

  @Override
  public int compare(Channel a, Channel b) {
    int bySuffix = suffix(a.name()).compareTo(suffix(b.name()));
    return bySuffix != 0 ? bySuffix : a.name().compareTo(b.name());
  }

  private static String suffix(String name) {
    int dash = name.indexOf('-');
    return dash < 0 ? name : name.substring(dash + 1);
  }
}
