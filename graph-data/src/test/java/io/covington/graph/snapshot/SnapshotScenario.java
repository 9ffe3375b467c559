package io.covington.graph.snapshot;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.input.Channel;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.ReleaseEdge;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.MatchingRule;
import io.covington.graph.model.MetadataKeys;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * The inputs of one snapshot build, and the jqwik generators that produce them: a few releases on
 * one to three architectures with versions from a small pool, declared updates (some backwards,
 * some to unknown versions, some across architectures), channels, blocked edges whose risks recur,
 * and edge-editing release metadata.
 */
record SnapshotScenario(
    List<Release> releases,
    List<ReleaseEdge> edges,
    List<Channel> channels,
    List<BlockedEdge> blocks,
    Map<String, Map<String, String>> rawMetadata) {

  /** Sizes spread evenly: jqwik's default favours small lists, which serve few updates. */
  private static final RandomDistribution UNIFORM = RandomDistribution.uniform();

  /** Architectures releases are built for. */
  static final List<String> ARCHES = List.of("amd64", "arm64", "s390x");

  /** Architectures a request may name: the built ones and some that never have a release. */
  static final List<String> REQUESTED_ARCHES = List.of("amd64", "arm64", "s390x", "ppc64le", "multi");

  /** Versions that never have a release; edges, channels and blocks still name them. */
  static final List<String> UNKNOWN_VERSIONS = List.of("4.9.9", "4.14.0", "5.0.0-rc.1");

  /** Release versions that are not strict SemVer; the builder must skip them. */
  static final List<String> INVALID_VERSIONS = List.of("4.10", "v4.11.1", "4.12.01", "4.13.0-rc.01", "4.10.0-");

  static final List<String> CHANNEL_NAMES =
      List.of("candidate-4.12", "eus-4.12", "fast-4.11", "stable-4.10", "stable-4.13");

  static final List<String> FROM_PATTERNS =
      List.of(
          "4\\.10\\..*",
          ".*",
          "4[.]1[12][.].*",
          "\\+amd64$",
          "4\\.11\\.[0-9]+\\+arm64$",
          "^4\\.1[0-3]\\.[0-7]\\+s390x$",
          "-rc\\.",
          "^4\\.13\\.");

  static final List<Risk> RISKS =
      List.of(
          new Risk("EtcdLeaseRevoke", "https://issues.example/OCPBUGS-1", "etcd leases", List.of(MatchingRule.always())),
          new Risk(
              "AzureDefaultVMType",
              "https://issues.example/OCPBUGS-2",
              "Azure VM types",
              List.of(MatchingRule.promql("topk(1, cluster_infrastructure_provider{type=\"Azure\"})"))),
          new Risk(
              "OVNInterConnect",
              "https://issues.example/OCPBUGS-3",
              "OVN migration",
              List.of(MatchingRule.promql("group(network_attachment)"), MatchingRule.always())));

  SnapshotScenario {
    releases = List.copyOf(releases);
    edges = List.copyOf(edges);
    channels = List.copyOf(channels);
    // GraphData lists blocks in file-name order.
    blocks = blocks.stream().sorted(Comparator.comparing(BlockedEdge::source)).toList();
    rawMetadata = Map.copyOf(rawMetadata);
  }

  GraphSnapshot build() {
    return GraphSnapshot.build(
        new ReleaseSet(releases, edges, List.of(), "releases"),
        new GraphData("1.1.0", channels, blocks, rawMetadata, List.of(), "data"));
  }

  SnapshotScenario withBlocks(List<BlockedEdge> replacement) {
    return new SnapshotScenario(releases, edges, channels, replacement, rawMetadata);
  }

  List<BlockedEdge> conditionalBlocks() {
    return blocks.stream().filter(BlockedEdge::isConditional).toList();
  }

  List<String> channelNames() {
    return channels.stream().map(Channel::name).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // What the inputs say, computed without the builder

  /** Releases the builder must keep: strict SemVer, the first of each id. */
  Map<String, Release> validReleases() {
    Map<String, Release> byId = new LinkedHashMap<>();
    for (Release r : releases) {
      if (StrictSemver.isValid(r.version())) {
        byId.putIfAbsent(r.id(), r);
      }
    }
    return byId;
  }

  /**
   * Updates between releases of {@code arch} that release metadata declares: {@code previous} and
   * {@code next} edges, {@code previous.add} and {@code next.add}; before anything removes them.
   */
  Set<ReleaseEdge> declaredUpdates(String arch) {
    Map<String, Release> valid = validReleases();
    Set<ReleaseEdge> result = new HashSet<>();
    for (ReleaseEdge e : edges) {
      Release from = valid.get(e.fromId());
      Release to = valid.get(e.toId());
      if (from != null && to != null && from.arch().equals(arch) && to.arch().equals(arch)) {
        result.add(e);
      }
    }
    for (Release r : valid.values()) {
      if (!r.arch().equals(arch)) {
        continue;
      }
      for (String v : commaList(r.metadata().get(MetadataKeys.PREVIOUS_ADD))) {
        if (valid.containsKey(v + "+" + arch)) {
          result.add(new ReleaseEdge(v + "+" + arch, r.id()));
        }
      }
      for (String v : commaList(r.metadata().get(MetadataKeys.NEXT_ADD))) {
        if (valid.containsKey(v + "+" + arch)) {
          result.add(new ReleaseEdge(r.id(), v + "+" + arch));
        }
      }
    }
    return result;
  }

  /** The versions {@code channel} lists for {@code arch}: unsuffixed ones and those suffixed with it. */
  static Set<String> members(Channel channel, String arch) {
    Set<String> result = new HashSet<>();
    for (String v : channel.versions()) {
      if (!v.contains("+")) {
        result.add(v);
      } else if (v.endsWith("+" + arch)) {
        result.add(v.substring(0, v.indexOf('+')));
      }
    }
    return result;
  }

  private static List<String> commaList(String value) {
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Generators

  static Arbitrary<SnapshotScenario> scenarios() {
    Arbitrary<List<String>> arches = Arbitraries.of(ARCHES).list().uniqueElements().ofMinSize(1).ofMaxSize(3);
    Arbitrary<List<String>> versions = versions().list().uniqueElements().ofMinSize(2).ofMaxSize(10).withSizeDistribution(UNIFORM);
    // Combining the edge cases of a few dozen generators costs more than the builds and adds little.
    return Combinators.combine(arches, versions).as(Universe::new).flatMap(SnapshotScenario::scenarios).withoutEdgeCases();
  }

  /** One more unconditional block over the same versions as {@code scenario}. */
  static Arbitrary<BlockedEdge> extraUnconditionalBlock(SnapshotScenario scenario) {
    List<String> arches = scenario.releases().stream().map(Release::arch).distinct().toList();
    List<String> versions = scenario.releases().stream().map(Release::version).distinct().toList();
    Universe u = new Universe(arches.isEmpty() ? ARCHES : arches, versions.isEmpty() ? UNKNOWN_VERSIONS : versions);
    // Most often on a target that is already blocked: where a wrong builder could let blocks cancel out.
    List<String> blocked = scenario.blocks().stream().map(BlockedEdge::to).distinct().toList();
    Arbitrary<String> targets =
        blocked.isEmpty()
            ? targets(u)
            : Arbitraries.frequencyOf(List.of(Tuple.of(3, Arbitraries.of(blocked)), Tuple.of(1, targets(u))));
    Arbitrary<Pattern> froms =
        Arbitraries.frequencyOf(List.of(Tuple.of(2, Arbitraries.just(Pattern.compile(".*"))), Tuple.of(1, fromPatterns(u))));
    return Combinators.combine(targets, froms)
        .as((to, from) -> new BlockedEdge(to, from, Optional.empty(), "blocked-edges/zz-extra.yaml"));
  }

  /** The versions of one scenario and the architectures it builds. */
  record Universe(List<String> arches, List<String> versions) {
    List<String> versionsAndUnknown() {
      return Stream.concat(versions.stream(), UNKNOWN_VERSIONS.stream()).toList();
    }
  }

  private static Arbitrary<SnapshotScenario> scenarios(Universe u) {
    return Combinators.combine(
            releases(u),
            declaredEdges(u).list().ofMaxSize(40).withSizeDistribution(UNIFORM),
            channels(u),
            blocks(u),
            rawMetadata(u))
        .as(SnapshotScenario::new)
        .withoutEdgeCases();
  }

  static Arbitrary<String> versions() {
    Arbitrary<String> core =
        Combinators.combine(Arbitraries.integers().between(10, 13), Arbitraries.integers().between(0, 15))
            .as((minor, patch) -> "4." + minor + "." + patch);
    Arbitrary<String> preRelease =
        Combinators.combine(
                Combinators.combine(Arbitraries.integers().between(10, 13), Arbitraries.of(0, 1))
                    .as((minor, patch) -> "4." + minor + "." + patch),
                Arbitraries.of("-rc.1", "-rc.2", "-rc.10", "-ec.0", "-fc.3", "-rc.1.a", "-0.nightly"))
            .as(String::concat);
    return Arbitraries.frequencyOf(
        List.of(Tuple.of(12, core), Tuple.of(5, preRelease), Tuple.of(1, Arbitraries.of(INVALID_VERSIONS))));
  }

  /**
   * Most versions on most architectures, so that channels have updates to serve; then a few
   * releases again, which the builder must ignore as duplicates.
   */
  private static Arbitrary<List<Release>> releases(Universe u) {
    List<String[]> slots = new ArrayList<>();
    for (String arch : u.arches()) {
      for (String version : u.versions()) {
        slots.add(new String[] {arch, version});
      }
    }
    Arbitrary<Optional<ReleaseTraits>> traits = releaseTraits(u).optional(0.85);
    Arbitrary<List<Release>> first =
        traits
            .list()
            .ofSize(slots.size())
            .map(
                list -> {
                  List<Release> result = new ArrayList<>();
                  for (int i = 0; i < slots.size(); i++) {
                    String[] slot = slots.get(i);
                    list.get(i).ifPresent(t -> result.add(t.release(slot[0], slot[1])));
                  }
                  return result;
                });
    Arbitrary<List<Release>> again =
        Combinators.combine(Arbitraries.of(u.arches()), Arbitraries.of(u.versions()), releaseTraits(u))
            .as((arch, version, t) -> t.release(arch, version))
            .list()
            .ofMaxSize(2);
    return Combinators.combine(first, again).as((a, b) -> Stream.concat(a.stream(), b.stream()).toList());
  }

  /** What a release is besides its version and architecture. */
  private record ReleaseTraits(boolean concrete, Map<String, String> edgeEditing) {
    Release release(String arch, String version) {
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put(MetadataKeys.URL, "https://access.example/errata/" + version);
      metadata.putAll(edgeEditing);
      String payload = concrete ? "quay.io/openshift-release-dev/ocp-release@sha256:" + digest(version, arch) : "";
      return new Release(version, arch, payload, metadata);
    }
  }

  private static Arbitrary<ReleaseTraits> releaseTraits(Universe u) {
    Arbitrary<Boolean> concrete = Arbitraries.frequency(List.of(Tuple.of(9, true), Tuple.of(1, false)));
    return Combinators.combine(concrete, edgeEditing(u)).as(ReleaseTraits::new);
  }

  /** Mostly nothing; sometimes one edge-editing key, including an invalid regex. */
  private static Arbitrary<Map<String, String>> edgeEditing(Universe u) {
    Arbitrary<String> versionList =
        Arbitraries.of(u.versionsAndUnknown()).list().ofMinSize(1).ofMaxSize(2).map(l -> String.join(",", l));
    Arbitrary<Map<String, String>> one =
        Arbitraries.oneOf(
            List.of(
                versionList.map(v -> Map.of(MetadataKeys.PREVIOUS_ADD, v)),
                versionList.map(v -> Map.of(MetadataKeys.NEXT_ADD, v)),
                versionList.map(v -> Map.of(MetadataKeys.PREVIOUS_REMOVE, v)),
                versionList.map(v -> Map.of(MetadataKeys.NEXT_REMOVE, v)),
                Arbitraries.just(Map.of(MetadataKeys.PREVIOUS_REMOVE, MetadataKeys.REMOVE_ALL)),
                Arbitraries.of(FROM_PATTERNS).map(p -> Map.of(MetadataKeys.PREVIOUS_REMOVE_REGEX, p)),
                Arbitraries.just(Map.of(MetadataKeys.PREVIOUS_REMOVE_REGEX, "4\\.1[")),
                Arbitraries.just(Map.of(MetadataKeys.RELEASE_REMOVE, "true"))));
    return Arbitraries.frequencyOf(List.of(Tuple.of(12, Arbitraries.just(Map.<String, String>of())), Tuple.of(2, one)));
  }

  private static Arbitrary<ReleaseEdge> declaredEdges(Universe u) {
    Arbitrary<String> version = Arbitraries.frequencyOf(
        List.of(Tuple.of(8, Arbitraries.of(u.versions())), Tuple.of(1, Arbitraries.of(UNKNOWN_VERSIONS))));
    Arbitrary<Boolean> sameArch = Arbitraries.frequency(List.of(Tuple.of(8, true), Tuple.of(1, false)));
    // Mostly forward, as real release metadata is; the rest point back or to the same version.
    Arbitrary<List<String>> ends =
        Combinators.combine(version, version, Arbitraries.frequency(List.of(Tuple.of(3, true), Tuple.of(1, false))))
            .as((a, b, forward) -> forward && StrictSemver.isValid(a) && StrictSemver.isValid(b) && StrictSemver.PRECEDENCE.compare(b, a) < 0 ? List.of(b, a) : List.of(a, b));
    return Combinators.combine(ends, Arbitraries.of(u.arches()), Arbitraries.of(ARCHES), sameArch)
        .as((fromTo, arch, otherArch, same) -> new ReleaseEdge(fromTo.get(0) + "+" + arch, fromTo.get(1) + "+" + (same ? arch : otherArch)));
  }

  private static Arbitrary<List<Channel>> channels(Universe u) {
    Arbitrary<String> suffixed =
        Combinators.combine(Arbitraries.of(u.versions()), Arbitraries.of(REQUESTED_ARCHES)).as((v, a) -> v + "+" + a);
    Arbitrary<String> extra = Arbitraries.oneOf(List.of(suffixed, Arbitraries.of(UNKNOWN_VERSIONS)));
    Arbitrary<List<String>> members =
        Combinators.combine(Arbitraries.subsetOf(u.versions()), extra.list().ofMaxSize(4))
            .as((plain, more) -> Stream.concat(plain.stream().sorted(), more.stream()).toList());
    return Arbitraries.of(CHANNEL_NAMES)
        .list()
        .uniqueElements()
        .ofMinSize(1)
        .ofMaxSize(4)
        .flatMap(
            names ->
                members
                    .list()
                    .ofSize(names.size())
                    .map(
                        lists -> {
                          List<Channel> result = new ArrayList<>();
                          for (int i = 0; i < names.size(); i++) {
                            String name = names.get(i);
                            result.add(new Channel(name, lists.get(i), "channels/" + name + ".yaml"));
                          }
                          result.sort(Comparator.comparing(Channel::name));
                          return result;
                        }));
  }

  /**
   * Blocks come in families as in the real graph-data: one risk (or none) declared for a few
   * targets, sometimes with several {@code from} patterns, so that a risk recurs across files and
   * one update often matches several blocks.
   */
  private static Arbitrary<List<BlockedEdge>> blocks(Universe u) {
    Arbitrary<Optional<Risk>> risk = Arbitraries.of(RISKS).optional(0.6);
    Arbitrary<List<BlockedEdge>> family =
        Combinators.combine(
                targets(u).list().ofMinSize(1).ofMaxSize(3),
                fromPatterns(u).list().ofMinSize(1).ofMaxSize(2),
                risk)
            .as(
                (tos, froms, r) -> {
                  List<BlockedEdge> result = new ArrayList<>();
                  for (String to : tos) {
                    for (Pattern from : froms) {
                      result.add(new BlockedEdge(to, from, r, ""));
                    }
                  }
                  return result;
                });
    return family
        .list()
        .ofMaxSize(5)
        .withSizeDistribution(UNIFORM)
        .map(
            families -> {
              List<BlockedEdge> named = new ArrayList<>();
              for (List<BlockedEdge> f : families) {
                for (BlockedEdge b : f) {
                  String source = String.format("blocked-edges/%02d.yaml", named.size());
                  named.add(new BlockedEdge(b.to(), b.from(), b.risk(), source));
                }
              }
              return named;
            });
  }

  private static Arbitrary<String> targets(Universe u) {
    Arbitrary<String> withArch =
        Combinators.combine(Arbitraries.of(u.versions()), Arbitraries.of(u.arches())).as((v, a) -> v + "+" + a);
    return Arbitraries.frequencyOf(
        List.of(
            Tuple.of(8, Arbitraries.of(u.versions())),
            Tuple.of(1, withArch),
            Tuple.of(1, Arbitraries.of(UNKNOWN_VERSIONS))));
  }

  private static Arbitrary<Pattern> fromPatterns(Universe u) {
    Arbitrary<String> exact = Arbitraries.of(u.versions()).map(v -> v.replace(".", "\\."));
    Arbitrary<String> exactOnArch =
        Combinators.combine(Arbitraries.of(u.versions()), Arbitraries.of(u.arches()))
            .as((v, a) -> "^" + v.replace(".", "\\.") + "\\+" + a + "$");
    return Arbitraries.frequencyOf(
            List.of(Tuple.of(4, Arbitraries.of(FROM_PATTERNS)), Tuple.of(3, exact), Tuple.of(2, exactOnArch)))
        .map(Pattern::compile);
  }

  /** Raw metadata that does not edit edges, so that it only ever changes node metadata. */
  private static Arbitrary<Map<String, Map<String, String>>> rawMetadata(Universe u) {
    return Combinators.combine(Arbitraries.of(u.versionsAndUnknown()), Arbitraries.of("url", "description"))
        .as((v, key) -> Map.entry(v, Map.of(key, "from-graph-data")))
        .list()
        .ofMaxSize(2)
        .map(
            entries -> {
              Map<String, Map<String, String>> raw = new LinkedHashMap<>();
              entries.forEach(e -> raw.putIfAbsent(e.getKey(), e.getValue()));
              return raw;
            });
  }

  private static String digest(String version, String arch) {
    return String.format("%064x", Math.abs((long) (version + "+" + arch).hashCode()));
  }
}
