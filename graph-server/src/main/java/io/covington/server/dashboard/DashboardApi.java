package io.covington.server.dashboard;

import io.covington.server.http.Api;
import io.covington.server.http.Bodies;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The web dashboard at {@code /}: the page, its scripts and styles (vendored Cytoscape.js and
 * cytoscape-dagre included) and {@code /dashboard/config.json}, which tells the page the API
 * prefixes this server was started with. Every file is read once at startup and served from
 * memory; every answer carries a Content-Security-Policy that lets the page load and fetch from
 * its own origin only.
 */
public final class DashboardApi implements Api {

  static final String METRICS_LABEL = "dashboard";

  /** Nothing may be loaded, fetched, framed or submitted anywhere but this origin. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
          + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** The files under the resource folder, served at {@code /dashboard/<name>}. */
  static final List<String> FILES =
      List.of(
          "app.css",
          "favicon.svg",
          "cytoscape-container.css",
          "api.js",
          "route.js",
          "graph.js",
          "channel.js",
          "path.js",
          "streams.js",
          "okd.js",
          "plan.js",
          "changes.js",
          "app.js",
          "vendor/cytoscape.min.js",
          "vendor/cytoscape-dagre.min.js");

  private final List<DashboardAsset> assets;

  /**
   * @param openshiftPrefix the OpenShift graph API's path prefix, e.g. {@code /api/upgrades_info}
   * @param coreosPrefix the CoreOS graph API's path prefix, often empty
   */
  public DashboardApi(String openshiftPrefix, String coreosPrefix) {
    List<DashboardAsset> all = new ArrayList<>();
    DashboardAsset index = DashboardAsset.load("/", "index.html");
    all.add(index);
    all.add(new DashboardAsset("/index.html", index.contentType(), index.body()));
    for (String file : FILES) {
      all.add(DashboardAsset.load("/dashboard/" + file, file));
    }
    all.add(new DashboardAsset("/dashboard/config.json", "application/json", config(openshiftPrefix, coreosPrefix)));
    this.assets = List.copyOf(all);
  }

  @Override
  public String metricsLabel() {
    return METRICS_LABEL;
  }

  @Override
  public void addRoutes(Router router) {
    for (DashboardAsset asset : assets) {
      get(router, asset.path(), routeLabel(asset.path()), ctx -> serve(ctx, asset));
    }
  }

  /** The paths served, for tests. */
  List<String> paths() {
    return assets.stream().map(DashboardAsset::path).toList();
  }

  private static String routeLabel(String path) {
    if (path.equals("/") || path.equals("/index.html")) {
      return "page";
    }
    return path.endsWith("config.json") ? "config" : "asset";
  }

  private static void serve(RoutingContext ctx, DashboardAsset asset) {
    ctx.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        // The files change only with the server; revalidating keeps an upgraded server's page coherent.
        .putHeader("Cache-Control", "no-cache");
    Bodies.send(ctx, 200, asset.contentType(), asset.body());
  }

  static byte[] config(String openshiftPrefix, String coreosPrefix) {
    return ("{\"openshiftPrefix\":" + jsonString(openshiftPrefix) + ",\"coreosPrefix\":" + jsonString(coreosPrefix) + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String jsonString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
