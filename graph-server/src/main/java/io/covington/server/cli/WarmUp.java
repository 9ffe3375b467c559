package io.covington.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --exit-when-ready} asks the server it started, on loopback, before stopping it: one
 * request of each kind a fleet and its operators send (graphs in both encodings, a conditional
 * request, paths, plans, the CoreOS graph, status and metrics). Run at image build time with
 * {@code -XX:ArchiveClassesAtExit}, it leaves in the class-data archive the classes a serving
 * process loads; run anywhere, it is a smoke test of a build.
 */
final class WarmUp {

  private WarmUp() {}

  /** Sends the requests; prints one line per request that was not answered 200 or 304; returns how many were not. */
  static int run(int apiPort, int statusPort, String prefix, String coreosPrefix, PrintWriter out) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String api = "http://127.0.0.1:" + apiPort;
    String status = "http://127.0.0.1:" + statusPort;
    List<String[]> requests = new ArrayList<>();
    for (String channel : List.of("stable-4.16", "fast-4.18", "candidate-4.14", "eus-4.16")) {
      requests.add(new String[] {api + prefix + "/v1/graph?channel=" + channel + "&arch=amd64", "identity"});
      requests.add(new String[] {api + prefix + "/v1/graph?channel=" + channel + "&arch=amd64", "gzip"});
    }
    requests.add(new String[] {api + prefix + "/v1/path?channel=stable-4.16&from=4.15.20", "identity"});
    requests.add(new String[] {api + prefix + "/v1/explain?channel=stable-4.16&from=4.15.20&to=4.16.53", "identity"});
    requests.add(new String[] {api + prefix + "/v1/plan?from=4.14.30&to=4.16&route=eus", "identity"});
    requests.add(new String[] {api + coreosPrefix + "/v1/graph?basearch=x86_64&stream=stable&rollout_wariness=0.5", "gzip"});
    requests.add(new String[] {status + "/status", "identity"});
    requests.add(new String[] {status + "/metrics", "identity"});
    int failed = 0;
    for (String[] r : requests) {
      try {
        HttpResponse<byte[]> first = client.send(get(r[0], r[1], null), HttpResponse.BodyHandlers.ofByteArray());
        int code = first.statusCode();
        String etag = first.headers().firstValue("ETag").orElse(null);
        if (code == 200 && etag != null) {
          code = client.send(get(r[0], r[1], etag), HttpResponse.BodyHandlers.ofByteArray()).statusCode();
          code = code == 304 ? 200 : code;
        }
        if (code != 200) {
          failed++;
          out.println("covington: warm-up request " + r[0] + " answered " + code);
        }
      } catch (IOException e) {
        failed++;
        out.println("covington: warm-up request " + r[0] + " failed: " + e.getMessage());
      }
    }
    out.println("covington: ready; " + (requests.size() - failed) + " of " + requests.size() + " warm-up requests answered");
    return failed;
  }

  private static HttpRequest get(String uri, String encoding, String etag) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).header("Accept-Encoding", encoding);
    if (uri.contains("/v1/graph") && !uri.contains("basearch")) {
      b.header("Accept", "application/json");
    }
    if (etag != null) {
      b.header("If-None-Match", etag);
    }
    return b.GET().build();
  }
}
