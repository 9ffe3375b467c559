package io.covington.graph.validate;

import io.covington.graph.input.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The promotion order graph-data's CI ({@code graph-data.rs check_channels}) enforces: for each
 * minor version X, every release of {@code stable-X} is in {@code fast-X} and every release of
 * {@code fast-X} is in {@code candidate-X}, and a channel of the pair exists when the one before
 * it does. Versions compare without build metadata, as the CI's SemVer does. Like the CI it skips
 * 4.1 (which never had a fast channel) and does not check {@code eus-X}; unlike it, it reads only
 * names {@code stable|fast|candidate-<major>.<minor>}, so OKD's {@code stable-4} and {@code
 * stable-scos-4} are not expected to have a {@code fast-4}. O(channel versions).
 */
final class ChannelPromotion {

  private static final List<String> ORDER = List.of("stable", "fast", "candidate");
  private static final Pattern FAMILY = Pattern.compile("^(stable|fast|candidate)-(\\d+\\.\\d+)$");
  private static final Set<String> SKIPPED = Set.of("4.1");
  private static final int VERSIONS_SHOWN = 8;

  private ChannelPromotion() {}

  static void check(List<Channel> channels, List<Finding> findings) {
    Map<String, Channel> byName = new HashMap<>();
    Set<String> minors = new TreeSet<>();
    for (Channel c : channels) {
      byName.put(c.name(), c);
      Matcher m = FAMILY.matcher(c.name());
      if (m.matches() && !SKIPPED.contains(m.group(2))) {
        minors.add(m.group(2));
      }
    }
    for (String minor : minors) {
      for (int i = 0; i + 1 < ORDER.size(); i++) {
        Channel earlier = byName.get(ORDER.get(i) + "-" + minor);
        if (earlier == null) {
          continue;
        }
        String laterName = ORDER.get(i + 1) + "-" + minor;
        Channel later = byName.get(laterName);
        if (later == null) {
          findings.add(Finding.error(earlier.source(), "channel_order", "channel " + earlier.name() + " exists but " + laterName
              + " does not; a release reaches " + earlier.name() + " through " + laterName + ", so add channels/" + laterName + ".yaml"));
          continue;
        }
        Set<String> promoted = new HashSet<>();
        later.versions().forEach(v -> promoted.add(bare(v)));
        Set<String> missing = new LinkedHashSet<>();
        earlier.versions().stream().filter(v -> !promoted.contains(bare(v))).forEach(missing::add);
        if (!missing.isEmpty()) {
          List<String> shown = new ArrayList<>(missing).subList(0, Math.min(VERSIONS_SHOWN, missing.size()));
          String more = missing.size() > VERSIONS_SHOWN ? " and " + (missing.size() - VERSIONS_SHOWN) + " more" : "";
          findings.add(Finding.error(earlier.source(), "channel_order", missing.size() + " release(s) of " + earlier.name()
              + " are not in " + laterName + ": " + String.join(", ", shown) + more + "; releases are promoted candidate -> fast -> stable, so add them to " + later.source() + " first"));
        }
      }
    }
  }

  private static String bare(String version) {
    int plus = version.indexOf('+');
    return plus < 0 ? version : version.substring(0, plus);
  }
}
