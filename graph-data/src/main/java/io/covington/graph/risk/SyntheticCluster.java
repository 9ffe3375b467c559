package io.covington.graph.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cluster's Prometheus series, in promtool's {@code input_series} syntax, that risks are
 * evaluated on.
 *
 * @param name the profile and node count, e.g. {@code okd, 3 nodes}
 * @param series each {@code metric{labels} values}, values in promtool's expanding notation
 */
public record SyntheticCluster(String name, List<String> series) {

  /** Series hold their value this long; risks are evaluated at its end ({@code max_over_time(…[1h])} sees a full hour). */
  static final int WINDOW_MINUTES = 120;

  private static final String RESOURCE = "synthetic-clusters.yaml";
  private static final int[] NODE_COUNTS = {1, 3};

  public SyntheticCluster {
    Objects.requireNonNull(name, "name");
    series = List.copyOf(series);
  }

  /**
   * The clusters of {@code synthetic-clusters.yaml}: every profile (a cluster with what the
   * risks look for, a hosted AWS one, an OKD one, and one where the series risks select are
   * absent) with one node and with three.
   */
  public static List<SyntheticCluster> standard() {
    JsonNode profiles;
    try (InputStream in = SyntheticCluster.class.getResourceAsStream(RESOURCE)) {
      profiles = new YAMLMapper().readTree(Objects.requireNonNull(in, RESOURCE)).path("profiles");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<SyntheticCluster> clusters = new ArrayList<>();
    for (String profile : (Iterable<String>) profiles::fieldNames) {
      Map<String, List<String>> cluster = resolve(profiles, profile, "cluster");
      Map<String, List<String>> node = resolve(profiles, profile, "node");
      for (int nodes : NODE_COUNTS) {
        List<String> series = new ArrayList<>();
        cluster.values().forEach(list -> list.forEach(s -> series.add(expand(s, "", nodes))));
        for (int i = 1; i <= nodes; i++) {
          String nodeName = profile + "-node-" + i;
          node.values().forEach(list -> list.forEach(s -> series.add(expand(s, nodeName, nodes))));
        }
        clusters.add(new SyntheticCluster(profile + ", " + nodes + (nodes == 1 ? " node" : " nodes"), series));
      }
    }
    return List.copyOf(clusters);
  }

  /** A profile's series of one part by metric name, after its base profile's. */
  private static Map<String, List<String>> resolve(JsonNode profiles, String name, String part) {
    JsonNode profile = profiles.path(name);
    Map<String, List<String>> byMetric = new LinkedHashMap<>();
    if (profile.has("extends")) {
      byMetric.putAll(resolve(profiles, profile.get("extends").asText(), part));
    }
    profile.path("without").forEach(m -> byMetric.remove(m.asText()));
    Set<String> replaced = new TreeSet<>();
    for (JsonNode s : profile.path(part)) {
      String metric = s.asText().substring(0, s.asText().indexOf('{'));
      if (replaced.add(metric)) {
        byMetric.put(metric, new ArrayList<>());
      }
      byMetric.get(metric).add(s.asText());
    }
    return byMetric;
  }

  private static String expand(String series, String node, int nodes) {
    String s = series.replace("{node}", node).replace("{nodes}", Integer.toString(nodes));
    int split = s.lastIndexOf("} ") + 1;
    String values = s.substring(split).trim();
    return s.substring(0, split) + " " + (values.contains("x") ? values : values + "x" + WINDOW_MINUTES);
  }
}
