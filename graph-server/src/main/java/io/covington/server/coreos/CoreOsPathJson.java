package io.covington.server.coreos;

import io.covington.policy.coreos.StreamPaths;
import io.covington.server.http.JsonBody;

/** The JSON bodies of CoreOS stream paths and explanations, as the HTTP API and the commands print them. */
public final class CoreOsPathJson {

  private CoreOsPathJson() {}

  public static byte[] plan(StreamPaths.Plan plan, double wariness) {
    return JsonBody.object(512, g -> {
      g.writeStringField("stream", plan.stream());
      g.writeStringField("basearch", plan.basearch());
      g.writeStringField("from", plan.from());
      g.writeStringField("to", plan.target());
      g.writeNumberField("wariness", wariness);
      g.writeBooleanField("reachable", plan.reachable());
      g.writeNumberField("hopCount", plan.hops().size());
      g.writeArrayFieldStart("hops");
      for (StreamPaths.Hop hop : plan.hops()) {
        g.writeStartObject();
        g.writeStringField("from", hop.from());
        g.writeStringField("to", hop.to());
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }

  public static byte[] explanation(StreamPaths.Explanation e, double wariness) {
    return JsonBody.object(512, g -> {
      g.writeStringField("stream", e.stream());
      g.writeStringField("basearch", e.basearch());
      g.writeStringField("from", e.from());
      g.writeStringField("to", e.to());
      g.writeNumberField("wariness", wariness);
      g.writeStringField("offered", e.offered() ? "offered" : "not_offered");
      g.writeArrayFieldStart("reasons");
      for (StreamPaths.Reason r : e.reasons()) {
        g.writeStartObject();
        g.writeStringField("kind", r.kind());
        g.writeStringField("description", r.description());
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }
}
