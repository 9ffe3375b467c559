package io.covington.server.path;

import com.fasterxml.jackson.core.JsonGenerator;
import io.covington.graph.model.Risk;
import io.covington.policy.path.AcceptedRisks;
import io.covington.policy.path.CutEdge;
import io.covington.policy.path.Hop;
import io.covington.policy.path.PathCut;
import io.covington.policy.path.PathPlan;
import io.covington.policy.path.UpdateExplanation;
import io.covington.policy.path.UpdateReason;
import io.covington.server.http.JsonBody;
import io.covington.server.openshift.GraphRenderer;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;

/** The JSON bodies of path plans and explanations, shared by the HTTP API and the command line. */
public final class PathJson {

  private PathJson() {}

  /** A path plan: its endpoints, whether the target is reachable, the hops, or the cut. */
  public static byte[] plan(PathPlan plan) {
    return JsonBody.object(1024, g -> {
      g.writeStringField("channel", plan.channel());
      g.writeStringField("arch", plan.arch());
      g.writeStringField("from", plan.from());
      g.writeStringField("to", plan.target());
      writeAccepted(g, plan.accepted());
      g.writeBooleanField("reachable", plan.reachable());
      g.writeNumberField("hopCount", plan.hops().size());
      g.writeArrayFieldStart("hops");
      for (Hop hop : plan.hops()) {
        g.writeStartObject();
        g.writeStringField("from", hop.from());
        g.writeStringField("to", hop.to());
        g.writeStringField("kind", hop.kind().wireName());
        writeRisks(g, "risks", hop.risks());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (plan.cut().isPresent()) {
        writeCut(g, plan.cut().get());
      }
    });
  }

  /** Why the direct update is or is not offered. */
  public static byte[] explanation(UpdateExplanation e) {
    return JsonBody.object(1024, g -> {
      g.writeStringField("channel", e.channel());
      g.writeStringField("arch", e.arch());
      g.writeStringField("from", e.from());
      g.writeStringField("to", e.to());
      g.writeStringField("offered", e.offer().wireName());
      writeReasons(g, e.reasons());
    });
  }

  static void writeAccepted(JsonGenerator g, AcceptedRisks accepted) throws IOException {
    if (accepted.allRisks()) {
      g.writeStringField("acceptedRisks", "all");
      return;
    }
    g.writeArrayFieldStart("acceptedRisks");
    for (String name : new TreeSet<>(accepted.names())) {
      g.writeString(name);
    }
    g.writeEndArray();
  }

  static void writeCut(JsonGenerator g, PathCut cut) throws IOException {
    g.writeObjectFieldStart("cut");
    g.writeNumberField("totalEdges", cut.totalEdges());
    g.writeArrayFieldStart("edges");
    for (CutEdge edge : cut.edges()) {
      g.writeStartObject();
      g.writeStringField("from", edge.from());
      g.writeStringField("to", edge.to());
      writeReasons(g, edge.reasons());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeBooleanField("risksCanOpen", cut.risksCanOpen());
    writeRisks(g, "smallestRiskSet", cut.smallestRiskSet());
    g.writeBooleanField("provenMinimal", cut.provenMinimal());
    g.writeEndObject();
  }

  private static void writeReasons(JsonGenerator g, List<UpdateReason> reasons) throws IOException {
    g.writeArrayFieldStart("reasons");
    for (UpdateReason reason : reasons) {
      g.writeStartObject();
      g.writeStringField("kind", reason.kind());
      g.writeStringField("description", reason.describe());
      if (reason instanceof UpdateReason.BlockedByFile b) {
        g.writeStringField("file", b.file());
        g.writeStringField("fromPattern", b.fromPattern());
        if (b.message().isPresent()) {
          g.writeStringField("message", b.message().get());
        }
      } else if (reason instanceof UpdateReason.ConditionalRisk c) {
        g.writeStringField("file", c.file());
        g.writeFieldName("risk");
        GraphRenderer.writeRisk(g, c.risk());
      } else if (reason instanceof UpdateReason.RemovedByMetadata m) {
        g.writeStringField("key", m.key());
        g.writeStringField("release", m.release());
      } else if (reason instanceof UpdateReason.NotInChannel n) {
        g.writeStringField("parameter", n.parameter());
        g.writeStringField("version", n.version());
      } else if (reason instanceof UpdateReason.NoSuchRelease n) {
        g.writeStringField("parameter", n.parameter());
        g.writeStringField("version", n.version());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static void writeRisks(JsonGenerator g, String field, List<Risk> risks) throws IOException {
    g.writeArrayFieldStart(field);
    for (Risk risk : risks) {
      GraphRenderer.writeRisk(g, risk);
    }
    g.writeEndArray();
  }

}
