package io.covington.loadtest;

import io.covington.loadtest.ServedGraphs.ChannelGraph;
import io.covington.loadtest.ServedGraphs.StreamGraph;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The fleet: 70 % clusters polling their channel graph, 20 % Zincati nodes polling their stream
 * graph (which graph, and which real release they run, as {@link FleetPlan} says), 5 % dashboards
 * ({@code /v1/channels}, the OpenAPI document, and a path query when the server has one), 5 % bad
 * requests expecting 400. A share of the requests accepts gzip, a share of the cluster polls
 * revalidates with the ETag the lane last saw for that graph.
 */
final class FleetMix implements RequestMix {
  private static final Set<Integer> OK = Set.of(200);
  private static final Set<Integer> OK_OR_NOT_MODIFIED = Set.of(200, 304);
  private static final Set<Integer> BAD_REQUEST = Set.of(400);

  private final String prefix;
  private final String coreosPrefix;
  private final FleetPlan plan;
  private final Optional<String> pathUri;
  private final double gzipShare;
  private final double conditionalShare;

  /**
   * @param gzipShare share of requests sending {@code Accept-Encoding: gzip}
   * @param conditionalShare share of cluster polls that revalidate with their last ETag
   */
  FleetMix(String prefix, String coreosPrefix, FleetPlan plan, Optional<String> pathUri, double gzipShare,
      double conditionalShare) {
    this.prefix = prefix;
    this.coreosPrefix = coreosPrefix;
    this.plan = plan;
    this.pathUri = pathUri;
    this.gzipShare = gzipShare;
    this.conditionalShare = conditionalShare;
  }

  @Override
  public PlannedRequest next(SplittableRandom random) {
    double u = random.nextDouble();
    if (u < 0.70) {
      return cluster(random);
    } else if (u < 0.90) {
      return zincati(random);
    } else if (u < 0.95) {
      return dashboard(random);
    }
    return bad(random);
  }

  private Map<String, String> headers(SplittableRandom random) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Accept", "application/json");
    if (random.nextDouble() < gzipShare) {
      headers.put("Accept-Encoding", "gzip");
    }
    return headers;
  }

  private PlannedRequest cluster(SplittableRandom random) {
    ChannelGraph graph = plan.cluster(random);
    String version = graph.versions().get(random.nextInt(graph.versions().size()));
    Map<String, String> headers = headers(random);
    String uri = prefix + "/v1/graph?channel=" + graph.channel() + "&arch=" + graph.arch() + "&version=" + version
        + "&id=" + uuid(random);
    boolean revalidates = random.nextDouble() < conditionalShare;
    String key = revalidates ? graph.channel() + "|" + graph.arch() + "|" + headers.containsKey("Accept-Encoding") : "";
    return new PlannedRequest("cluster", uri, headers, revalidates ? OK_OR_NOT_MODIFIED : OK, key);
  }

  private PlannedRequest zincati(SplittableRandom random) {
    StreamGraph graph = plan.node(random);
    String osVersion = graph.versions().get(random.nextInt(graph.versions().size()));
    String uri = coreosPrefix + "/v1/graph?basearch=" + encode(graph.basearch()) + "&stream=" + encode(graph.stream())
        + "&node_uuid=" + hex(random, 32) + "&os_version=" + encode(osVersion) + "&group=default&platform=metal";
    return new PlannedRequest("zincati", uri, headers(random), OK, "");
  }

  private PlannedRequest dashboard(SplittableRandom random) {
    double u = random.nextDouble();
    if (pathUri.isPresent() && u < 0.2) {
      return new PlannedRequest("dashboard", pathUri.get(), headers(random), OK, "");
    }
    String uri = u < 0.8 ? prefix + "/v1/channels?arch=amd64" : prefix + "/v1/openapi";
    return new PlannedRequest("dashboard", uri, headers(random), OK, "");
  }

  private PlannedRequest bad(SplittableRandom random) {
    double u = random.nextDouble();
    String uri;
    if (u < 0.4) {
      uri = prefix + "/v1/graph?arch=amd64&version=4.16.3";
    } else if (u < 0.8) {
      uri = prefix + "/v1/graph?channel=stable-4.16&arch=AMD64!";
    } else {
      uri = coreosPrefix + "/v1/graph?basearch=x86_64";
    }
    return new PlannedRequest("bad", uri, headers(random), BAD_REQUEST, "");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String uuid(SplittableRandom random) {
    String h = hex(random, 32);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
        + "-" + h.substring(20);
  }

  private static String hex(SplittableRandom random, int digits) {
    StringBuilder s = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      s.append(Character.forDigit(random.nextInt(16), 16));
    }
    return s.toString();
  }
}
