package io.covington.graph.snapshot;

import io.covington.graph.input.Channel;
import java.util.Comparator;

/**
 * The order of channel names in a release's channel list: by the version the channel name ends
 * with ({@code stable-4.9} before {@code stable-4.10}), then by name.
 */
enum ChannelOrder implements Comparator<Channel> {
  INSTANCE;

  @Override
  public int compare(Channel a, Channel b) {
    int byVersion = compareVersions(versionPart(a.name()), versionPart(b.name()));
    return byVersion != 0 ? byVersion : a.name().compareTo(b.name());
  }

  private static String versionPart(String name) {
    int dash = name.lastIndexOf('-');
    return dash < 0 ? "" : name.substring(dash + 1);
  }

  private static int compareVersions(String a, String b) {
    String[] pa = a.split("\\.");
    String[] pb = b.split("\\.");
    for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
      long na = i < pa.length ? number(pa[i]) : -1;
      long nb = i < pb.length ? number(pb[i]) : -1;
      if (na != nb) {
        return Long.compare(na, nb);
      }
    }
    return 0;
  }

  private static long number(String part) {
    try {
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
