package io.covington.server.coreos;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.coreos.CoreOsStream;
import io.covington.server.http.Api;
import io.covington.server.http.Bodies;
import io.covington.server.http.JsonBody;
import io.covington.server.reload.Served;
import io.vertx.ext.web.Router;
import java.util.Optional;

/**
 * {@code {prefix}/v1/streams}: the CoreOS streams served and each one's base architectures, {@code
 * {"streams":[{"name":"stable","basearches":["aarch64","x86_64"]}]}}, and {@code "synthetic"}
 * saying what is not real when the stream's data is synthesized (the bundled streams). Not used by
 * Zincati; the dashboard lists the streams with it and badges synthetic ones. Rendered once per
 * snapshot.
 */
public final class CoreOsStreamsApi implements Api {

  private final String prefix;
  private final Served<CoreOsSnapshot> served;
  private final Served.PerSnapshot<CoreOsSnapshot, byte[]> body;

  public CoreOsStreamsApi(String prefix, Served<CoreOsSnapshot> served) {
    this.prefix = prefix;
    this.served = served;
    this.body = served.perSnapshot(CoreOsStreamsApi::render);
  }

  @Override
  public String metricsLabel() {
    return CoreOsApi.METRICS_LABEL;
  }

  @Override
  public void addRoutes(Router router) {
    get(router, prefix + "/v1/streams", "streams", CoreOsApi.JSON_TYPES, query -> query, served,
        request -> Bodies.send(request.ctx(), 200, request.contentType(), request.served().get(body)));
  }

  static byte[] render(CoreOsSnapshot snapshot) {
    return JsonBody.object(64 + 64 * snapshot.streams().size(), g -> {
      g.writeArrayFieldStart("streams");
      for (String stream : snapshot.streams()) {
        g.writeStartObject();
        g.writeStringField("name", stream);
        g.writeArrayFieldStart("basearches");
        for (String basearch : snapshot.basearches(stream)) {
          g.writeString(basearch);
        }
        g.writeEndArray();
        Optional<String> synthetic = snapshot.stream(stream).flatMap(CoreOsStream::synthetic);
        if (synthetic.isPresent()) {
          g.writeStringField("synthetic", synthetic.get());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }
}
