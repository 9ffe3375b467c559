package io.covington.loadtest;

import io.covington.loadtest.ServedGraphs.ChannelGraph;
import io.covington.loadtest.ServedGraphs.StreamGraph;
import io.covington.loadtest.WeightedChoice.Weighted;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who polls what in the fleet mix: which channel graph a cluster polls and which stream graph a
 * CoreOS node polls, drawn from what the server under test serves ({@link ServedGraphs}), so no
 * poll asks for an empty graph. The rule:
 *
 * <ul>
 *   <li>A cluster polls channel {@code c} on architecture {@code a} with probability
 *       {@code A(a) / ΣA × w(c, a) / Σw(·, a)}, over the architectures and channels with
 *       releases only, where {@code w(c, a) = releases(c, a) × F(family) × 0.75^age}:
 *       <ul>
 *         <li>{@code releases(c, a)}: the nodes of the channel's graph on that architecture
 *             (bigger channels have more clusters sitting on one of their releases);
 *         <li>{@code F}: stable 1, fast 0.4, eus 0.2, candidate 0.05 for channels named
 *             {@code <family>-<major>.<minor>}, 0.02 for every other channel (prerelease, OKD's
 *             {@code stable-4}, {@code stable-scos-4}): most clusters follow stable, then fast;
 *         <li>{@code age}: how many generally available minors (those with a
 *             {@code stable-<major>.<minor>} channel on that architecture) are newer than the
 *             channel's; 0 for channels without a minor. Fleets sit mostly on the newest minors.
 *       </ul>
 *   <li>{@code A}: amd64 0.90, arm64 0.05, multi 0.03, s390x 0.01, ppc64le 0.01 (any other 0.01),
 *       renormalised over the architectures that have data.
 *   <li>A cluster's {@code version} is one of its channel graph's node versions, uniformly.
 *   <li>A CoreOS node polls stream {@code s} on base architecture {@code b} with probability
 *       {@code S(s) × B(b) / Σ}, over the (stream, basearch) graphs with releases only, where
 *       {@code S}: stable 0.70, testing 0.20, next 0.10, other 0.05, and {@code B}: x86_64 0.85,
 *       aarch64 0.11, ppc64le 0.02, s390x 0.02, other 0.01. Its {@code os_version} is one of
 *       that graph's node versions, uniformly.
 * </ul>
 */
final class FleetPlan {

  /** The OpenShift architectures asked for, with their share of the fleet when all have data. */
  static final Map<String, Double> ARCH_SHARES = ordered("amd64", 0.90, "arm64", 0.05, "multi", 0.03, "s390x", 0.01,
      "ppc64le", 0.01);
  /** The Fedora CoreOS streams, with their share of the nodes. */
  static final Map<String, Double> STREAM_SHARES = ordered("stable", 0.70, "testing", 0.20, "next", 0.10);
  /** The Fedora CoreOS base architectures, with their share of the nodes. */
  static final Map<String, Double> BASEARCH_SHARES = ordered("x86_64", 0.85, "aarch64", 0.11, "ppc64le", 0.02, "s390x",
      0.02);
  static final Map<String, Double> FAMILY_FACTORS = ordered("stable", 1.0, "fast", 0.4, "eus", 0.2, "candidate", 0.05);
  static final double OTHER_FAMILY_FACTOR = 0.02;
  static final double OTHER_ARCH_SHARE = 0.01;
  static final double OTHER_STREAM_SHARE = 0.05;
  static final double OTHER_BASEARCH_SHARE = 0.01;
  /** Each newer generally available minor divides a channel's weight by 1/0.75. */
  static final double AGE_DECAY = 0.75;

  private static final Pattern MINOR_CHANNEL = Pattern.compile("^([a-z]+)-(\\d+)\\.(\\d+)$");

  private final ServedGraphs served;
  private final WeightedChoice<ChannelGraph> clusters;
  private final WeightedChoice<StreamGraph> nodes;

  private FleetPlan(ServedGraphs served) {
    this.served = served;
    this.clusters = new WeightedChoice<>(clusterWeights(served.channels()));
    this.nodes = new WeightedChoice<>(nodeWeights(served.streams()));
  }

  /** The plan for what {@code served} holds. */
  static FleetPlan of(ServedGraphs served) {
    return new FleetPlan(served);
  }

  /** The channel graph the next cluster polls. */
  ChannelGraph cluster(SplittableRandom random) {
    return clusters.next(random);
  }

  /** The stream graph the next CoreOS node polls. */
  StreamGraph node(SplittableRandom random) {
    return nodes.next(random);
  }

  /** Every channel graph with its share of the cluster polls, the largest first. */
  List<Weighted<ChannelGraph>> clusterShares() {
    return clusters.shares();
  }

  /** Every stream graph with its share of the CoreOS polls, the largest first. */
  List<Weighted<StreamGraph>> nodeShares() {
    return nodes.shares();
  }

  /**
   * Two lines, {@code fleet mix: …} and {@code coreos mix: …}: how many channels and releases on
   * which architectures, and the {@code top} most polled graphs with their shares.
   */
  String describe(int top) {
    Map<String, List<ChannelGraph>> byArch = new LinkedHashMap<>();
    served.channels().forEach(c -> byArch.computeIfAbsent(c.arch(), a -> new ArrayList<>()).add(c));
    List<String> perArch = new ArrayList<>();
    byArch.forEach((arch, graphs) -> perArch.add(String.format(Locale.ROOT, "%s with %s on %s",
        count(graphs.size(), "channel"), count(graphs.stream().flatMap(g -> g.versions().stream()).distinct().count(),
            "release"), arch)));
    boolean oneArch = byArch.size() == 1;
    String clustersLine = "fleet mix: " + String.join(", ", perArch)
        + (served.emptyArches().isEmpty() ? "" : " (none on " + String.join(", ", served.emptyArches()) + ")")
        + "; most polled: " + clusterShares().stream().limit(top)
            .map(w -> (oneArch ? w.value().channel() : w.value().channel() + "/" + w.value().arch()) + " " + percent(w.weight()))
            .collect(Collectors.joining(", "));

    Map<String, Set<String>> releasesByStream = new LinkedHashMap<>();
    Set<String> basearches = new TreeSet<>();
    for (StreamGraph graph : served.streams()) {
      releasesByStream.computeIfAbsent(graph.stream(), s -> new TreeSet<>()).addAll(graph.versions());
      basearches.add(graph.basearch());
    }
    String nodesLine = String.format(Locale.ROOT, "coreos mix: %s with %s on %s (%s); most polled: %s",
        count(releasesByStream.size(), "stream"), count(releasesByStream.values().stream().mapToInt(Set::size).sum(),
            "release"), count(basearches.size(), "basearch"), String.join(", ", basearches), nodeShares().stream().limit(top)
            .map(w -> w.value().stream() + "/" + w.value().basearch() + " " + percent(w.weight()))
            .collect(Collectors.joining(", ")));
    return clustersLine + System.lineSeparator() + nodesLine;
  }

  /** {@code w(c, a)} of the class comment, for each of the channel graphs, times {@code A(a) / Σw(·, a)}. */
  static List<Weighted<ChannelGraph>> clusterWeights(List<ChannelGraph> channels) {
    Map<String, Set<Minor>> generallyAvailable = new HashMap<>();
    Map<String, Double> archTotals = new HashMap<>();
    for (ChannelGraph graph : channels) {
      MinorChannel.parse(graph.channel()).filter(c -> c.family().equals("stable"))
          .ifPresent(c -> generallyAvailable.computeIfAbsent(graph.arch(), a -> new TreeSet<>()).add(c.minor()));
    }
    List<Weighted<ChannelGraph>> weights = new ArrayList<>();
    for (ChannelGraph graph : channels) {
      Set<Minor> ga = generallyAvailable.getOrDefault(graph.arch(), Set.of());
      Optional<MinorChannel> named = MinorChannel.parse(graph.channel());
      double family = named.map(c -> FAMILY_FACTORS.getOrDefault(c.family(), OTHER_FAMILY_FACTOR)).orElse(OTHER_FAMILY_FACTOR);
      long age = named.map(c -> ga.stream().filter(g -> g.compareTo(c.minor()) > 0).count()).orElse(0L);
      double w = graph.versions().size() * family * Math.pow(AGE_DECAY, age);
      weights.add(new Weighted<>(graph, w));
      archTotals.merge(graph.arch(), w, Double::sum);
    }
    double archShareTotal = archTotals.keySet().stream().mapToDouble(FleetPlan::archShare).sum();
    List<Weighted<ChannelGraph>> shares = new ArrayList<>(weights.size());
    for (Weighted<ChannelGraph> w : weights) {
      String arch = w.value().arch();
      shares.add(new Weighted<>(w.value(), archShare(arch) / archShareTotal * w.weight() / archTotals.get(arch)));
    }
    return shares;
  }

  static List<Weighted<StreamGraph>> nodeWeights(List<StreamGraph> streams) {
    List<Weighted<StreamGraph>> weights = new ArrayList<>(streams.size());
    for (StreamGraph graph : streams) {
      weights.add(new Weighted<>(graph, STREAM_SHARES.getOrDefault(graph.stream(), OTHER_STREAM_SHARE)
          * BASEARCH_SHARES.getOrDefault(graph.basearch(), OTHER_BASEARCH_SHARE)));
    }
    return weights;
  }

  /** A minor version, {@code <major>.<minor>}, ordered numerically. */
  record Minor(int major, int minor) implements Comparable<Minor> {
    @Override
    public int compareTo(Minor other) {
      return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }
  }

  /** A channel named {@code <family>-<major>.<minor>}, e.g. {@code stable-4.16}. */
  record MinorChannel(String family, Minor minor) {
    static Optional<MinorChannel> parse(String channel) {
      Matcher m = MINOR_CHANNEL.matcher(channel);
      return m.matches()
          ? Optional.of(new MinorChannel(m.group(1), new Minor(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))))
          : Optional.empty();
    }
  }

  private static double archShare(String arch) {
    return ARCH_SHARES.getOrDefault(arch, OTHER_ARCH_SHARE);
  }

  private static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : noun.endsWith("h") ? "es" : "s");
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, share >= 0.001 ? "%.1f %%" : "%.2g %%", share * 100);
  }

  private static Map<String, Double> ordered(Object... keysAndValues) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (Double) keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
