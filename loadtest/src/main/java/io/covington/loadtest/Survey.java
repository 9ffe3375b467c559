package io.covington.loadtest;

import io.covington.loadtest.ProbeClient.Answer;
import io.covington.loadtest.ServedGraphs.ChannelGraph;
import io.covington.loadtest.ServedGraphs.StreamGraph;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Learns which graphs the server under test serves, speaking only its wire protocols, before the
 * load starts. OpenShift: {@code {prefix}/v1/channels?arch=A} for each architecture of
 * {@link FleetPlan#ARCH_SHARES} (the architectures the OpenAPI document names), then the graph of
 * every channel it lists with releases, for the graph's node versions. CoreOS: the streams and
 * base architectures {@code {coreosPrefix}/v1/streams} lists (or, when the server has no such
 * endpoint, those of {@link FleetPlan#STREAM_SHARES} × {@link FleetPlan#BASEARCH_SHARES}), then
 * each one's graph. One request at a time: about 90 against the bundled data.
 */
final class Survey {

  private final ProbeClient client;
  private final String prefix;
  private final String coreosPrefix;

  Survey(ProbeClient client, String prefix, String coreosPrefix) {
    this.client = client;
    this.prefix = prefix;
    this.coreosPrefix = coreosPrefix;
  }

  /**
   * Asks the server.
   *
   * @throws IllegalStateException when it serves no release at all on one of the protocols, or
   *     answers a listed channel's graph or a list with other than 200 or with malformed JSON;
   *     the message names the URL
   */
  ServedGraphs run() throws InterruptedException {
    List<ChannelGraph> channels = new ArrayList<>();
    List<String> emptyArches = new ArrayList<>();
    for (String arch : FleetPlan.ARCH_SHARES.keySet()) {
      List<ChannelGraph> onArch = channels(arch);
      if (onArch.isEmpty()) {
        emptyArches.add(arch);
      }
      channels.addAll(onArch);
    }
    if (channels.isEmpty()) {
      throw new IllegalStateException(client.target() + prefix + "/v1/channels lists no channel with releases on any of "
          + FleetPlan.ARCH_SHARES.keySet() + ": the fleet mix has nothing to poll");
    }
    List<StreamGraph> streams = streams();
    if (streams.isEmpty()) {
      throw new IllegalStateException(client.target() + coreosPrefix + "/v1/graph serves no CoreOS stream with releases"
          + " (asked: " + (coreosPrefix.isEmpty() ? "no prefix" : coreosPrefix) + "); give --coreos-path-prefix");
    }
    return new ServedGraphs(channels, emptyArches, streams);
  }

  private List<ChannelGraph> channels(String arch) throws InterruptedException {
    String listUri = prefix + "/v1/channels?arch=" + arch;
    JsonArray list = json(listUri, ok(listUri)).getJsonArray("channels", new JsonArray());
    List<ChannelGraph> graphs = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonObject channel = list.getJsonObject(i);
      if (channel.getInteger("releases", 0) > 0) {
        String name = channel.getString("name");
        String graphUri = prefix + "/v1/graph?channel=" + encode(name) + "&arch=" + arch;
        List<String> versions = versions(graphUri, ok(graphUri));
        // Listed with releases but served empty (e.g. reloaded in between): not polled.
        if (!versions.isEmpty()) {
          graphs.add(new ChannelGraph(name, arch, versions));
        }
      }
    }
    return graphs;
  }

  private List<StreamGraph> streams() throws InterruptedException {
    String listUri = coreosPrefix + "/v1/streams";
    Answer listed = client.get(listUri);
    List<StreamOnArch> pairs = new ArrayList<>();
    if (listed.status() == 200) {
      JsonArray list = json(listUri, listed.body()).getJsonArray("streams", new JsonArray());
      for (int i = 0; i < list.size(); i++) {
        JsonObject stream = list.getJsonObject(i);
        for (Object basearch : stream.getJsonArray("basearches", new JsonArray())) {
          pairs.add(new StreamOnArch(stream.getString("name"), basearch.toString()));
        }
      }
    } else {
      // Fedora's own server has no stream list: ask the real streams on the real base architectures.
      for (String stream : FleetPlan.STREAM_SHARES.keySet()) {
        for (String basearch : FleetPlan.BASEARCH_SHARES.keySet()) {
          pairs.add(new StreamOnArch(stream, basearch));
        }
      }
    }
    List<StreamGraph> graphs = new ArrayList<>();
    for (StreamOnArch pair : pairs) {
      String graphUri = coreosPrefix + "/v1/graph?basearch=" + encode(pair.basearch()) + "&stream=" + encode(pair.stream());
      Answer graph = client.get(graphUri);
      // An unknown stream or base architecture answers 404: nothing served there.
      List<String> versions = graph.status() == 200 ? versions(graphUri, graph.body()) : List.of();
      if (!versions.isEmpty()) {
        graphs.add(new StreamGraph(pair.stream(), pair.basearch(), versions));
      }
    }
    return graphs;
  }

  private record StreamOnArch(String stream, String basearch) {}

  private String ok(String uri) throws InterruptedException {
    Answer answer = client.get(uri);
    if (answer.status() != 200) {
      throw new IllegalStateException(client.target() + uri + " answers " + answer.status() + ", not 200");
    }
    return answer.body();
  }

  private List<String> versions(String uri, String body) {
    JsonArray nodes = json(uri, body).getJsonArray("nodes", new JsonArray());
    List<String> versions = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      String version = nodes.getJsonObject(i).getString("version");
      if (version == null) {
        throw new IllegalStateException(client.target() + uri + " has a node without a version (node " + i + ")");
      }
      versions.add(version);
    }
    return versions;
  }

  private JsonObject json(String uri, String body) {
    try {
      return new JsonObject(body);
    } catch (DecodeException e) {
      throw new IllegalStateException(client.target() + uri + " answers malformed JSON: " + e.getMessage());
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
