package io.covington.server.coreos;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.server.http.AcceptNegotiator;
import io.covington.server.http.Api;
import io.covington.server.http.ApiError;
import io.covington.server.http.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code {prefix}/v1/streams}: the CoreOS streams served and each one's base architectures, {@code
 * {"streams":[{"name":"stable","basearches":["aarch64","x86_64"]}]}}. Not used by Zincati; the
 * dashboard lists the streams with it.
 */
public final class CoreOsStreamsApi implements Api {

  private final String prefix;
  private final CoreOsHolder snapshots;
  private final AcceptNegotiator jsonTypes = AcceptNegotiator.forJson();

  public CoreOsStreamsApi(String prefix, CoreOsHolder snapshots) {
    this.prefix = prefix;
    this.snapshots = snapshots;
  }

  @Override
  public String metricsLabel() {
    return CoreOsApi.METRICS_LABEL;
  }

  @Override
  public void addRoutes(Router router) {
    get(router, prefix + "/v1/streams", "streams", this::streams);
  }

  private void streams(RoutingContext ctx) {
    Optional<String> type = jsonTypes.negotiateOrReject(ctx);
    if (type.isEmpty()) {
      return;
    }
    Optional<CoreOsSnapshot> snapshot = snapshots.current();
    if (snapshot.isEmpty()) {
      ApiError.notReady().send(ctx);
      return;
    }
    Responses.end(ctx, 200, type.get(), render(snapshot.get()));
  }

  static byte[] render(CoreOsSnapshot snapshot) {
    StringBuilder json = new StringBuilder("{\"streams\":[");
    String separator = "";
    for (String stream : snapshot.streams()) {
      json.append(separator).append("{\"name\":").append(quote(stream)).append(",\"basearches\":[");
      String inner = "";
      for (String basearch : snapshot.basearches(stream)) {
        json.append(inner).append(quote(basearch));
        inner = ",";
      }
      json.append("]}");
      separator = ",";
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Stream and architecture names are simple tokens from the inputs; quote and escape anyway. */
  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
