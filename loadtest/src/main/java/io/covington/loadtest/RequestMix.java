package io.covington.loadtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a load test sends: a deterministic function of a random source. */
interface RequestMix {

  PlannedRequest next(SplittableRandom random);

  /** A single static resource, e.g. for comparing with a web server serving the same bytes. */
  static RequestMix fixed(String uri) {
    PlannedRequest request = new PlannedRequest("static", uri, Map.of("Accept", "application/json"), Set.of(200), "");
    return random -> request;
  }

  /**
   * The fleet: 70 % clusters polling their channel (Zipf over {@code channels}, 90 % amd64, a
   * share repeating with {@code If-None-Match}), 20 % Zincati nodes, 5 % dashboards (channels,
   * OpenAPI, and {@code pathUri} when the server has it), 5 % bad requests expecting 400.
   *
   * @param channels channel names, most popular first
   * @param gzipShare share of requests sending {@code Accept-Encoding: gzip}
   * @param conditionalShare share of cluster polls that revalidate with their last ETag
   */
  static RequestMix fleet(String prefix, String coreosPrefix, List<String> channels, Optional<String> pathUri,
      double gzipShare, double conditionalShare) {
    return new Fleet(prefix, coreosPrefix, channels, pathUri, gzipShare, conditionalShare);
  }

  /**
   * Orders channels the way fleets use them: stable first, then fast, eus, candidate and the
   * rest, newer minor versions first within each.
   */
  static List<String> byPopularity(List<String> channels) {
    List<String> sorted = new ArrayList<>(channels);
    sorted.sort(Comparator.comparingInt(Fleet::family).thenComparing(Fleet::minor, Comparator.reverseOrder())
        .thenComparing(Comparator.naturalOrder()));
    return sorted;
  }

  /** The fleet mix. */
  final class Fleet implements RequestMix {
    private static final String[] ARCHES = {"amd64", "arm64", "multi", "s390x", "ppc64le"};
    private static final double[] ARCH_SHARES = {0.90, 0.05, 0.03, 0.01, 0.01};
    private static final String[] STREAMS = {"stable", "testing", "next"};
    private static final double[] STREAM_SHARES = {0.70, 0.20, 0.10};
    private static final Set<Integer> OK = Set.of(200);
    private static final Set<Integer> OK_OR_NOT_MODIFIED = Set.of(200, 304);
    private static final Set<Integer> BAD_REQUEST = Set.of(400);

    private final String prefix;
    private final String coreosPrefix;
    private final List<String> channels;
    private final Zipf popularity;
    private final Optional<String> pathUri;
    private final double gzipShare;
    private final double conditionalShare;

    Fleet(String prefix, String coreosPrefix, List<String> channels, Optional<String> pathUri, double gzipShare,
        double conditionalShare) {
      this.prefix = prefix;
      this.coreosPrefix = coreosPrefix;
      this.channels = List.copyOf(channels);
      this.popularity = new Zipf(channels.size(), 1.1);
      this.pathUri = pathUri;
      this.gzipShare = gzipShare;
      this.conditionalShare = conditionalShare;
    }

    /** The minor version of a {@code <family>-4.<minor>} channel; -1 for others. */
    static int minor(String channel) {
      Matcher m = Pattern.compile("-\\d+\\.(\\d+)$").matcher(channel);
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static int family(String channel) {
      if (channel.startsWith("stable-")) {
        return 0;
      } else if (channel.startsWith("fast-")) {
        return 1;
      } else if (channel.startsWith("eus-")) {
        return 2;
      } else if (channel.startsWith("candidate-")) {
        return 3;
      }
      return 4;
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
      String channel = channels.get(popularity.next(random));
      String arch = pick(random, ARCHES, ARCH_SHARES);
      Map<String, String> headers = headers(random);
      String uri = prefix + "/v1/graph?channel=" + channel + "&arch=" + arch
          + "&version=4." + (10 + random.nextInt(9)) + "." + random.nextInt(60) + "&id=" + uuid(random);
      boolean revalidates = random.nextDouble() < conditionalShare;
      String key = revalidates ? channel + "|" + arch + "|" + headers.containsKey("Accept-Encoding") : "";
      return new PlannedRequest("cluster", uri, headers, revalidates ? OK_OR_NOT_MODIFIED : OK, key);
    }

    private PlannedRequest zincati(SplittableRandom random) {
      String stream = pick(random, STREAMS, STREAM_SHARES);
      String basearch = random.nextDouble() < 0.85 ? "x86_64" : "aarch64";
      String uri = coreosPrefix + "/v1/graph?basearch=" + basearch + "&stream=" + stream
          + "&node_uuid=" + hex(random, 32) + "&os_version=41.20250105.3.0&group=default&platform=metal";
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

    private static String pick(SplittableRandom random, String[] values, double[] shares) {
      double u = random.nextDouble();
      for (int i = 0; i < values.length - 1; i++) {
        u -= shares[i];
        if (u < 0) {
          return values[i];
        }
      }
      return values[values.length - 1];
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
}
