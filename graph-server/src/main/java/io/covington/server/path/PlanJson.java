package io.covington.server.path;

import io.covington.policy.path.ChannelFamily;
import io.covington.policy.path.PlanCommand;
import io.covington.policy.path.PlanStep;
import io.covington.policy.path.UpdatePlan;
import io.covington.server.http.JsonBody;

/** The JSON body of an update plan, shared by {@code /v1/plan} and {@code covington plan --json}. */
public final class PlanJson {

  private PlanJson() {}

  /** A plan: its endpoints, the families and route, the steps with their channels, the commands, or the cut. */
  public static byte[] plan(UpdatePlan plan) {
    return JsonBody.object(2048, g -> {
      g.writeStringField("arch", plan.arch());
      g.writeStringField("from", plan.from());
      if (plan.requested().isPresent()) {
        g.writeStringField("requested", plan.requested().get());
      }
      g.writeStringField("to", plan.target());
      g.writeArrayFieldStart("channels");
      for (ChannelFamily family : plan.families()) {
        g.writeString(family.wireName());
      }
      g.writeEndArray();
      g.writeStringField("route", plan.route().wireName());
      PathJson.writeAccepted(g, plan.accepted());
      g.writeBooleanField("reachable", plan.reachable());
      g.writeNumberField("updateCount", plan.steps().size());
      g.writeNumberField("conditionalCount", plan.conditionalCount());
      g.writeArrayFieldStart("steps");
      for (PlanStep step : plan.steps()) {
        g.writeStartObject();
        g.writeStringField("channel", step.channel());
        g.writeStringField("from", step.from());
        g.writeStringField("to", step.to());
        g.writeStringField("kind", step.kind().wireName());
        PathJson.writeRisks(g, "risks", step.risks());
        g.writeBooleanField("workersFollow", step.workersFollow());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("workerVersions");
      for (String version : plan.workerVersions()) {
        g.writeString(version);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("commands");
      for (PlanCommand command : plan.commands()) {
        g.writeStartObject();
        g.writeStringField("purpose", command.purpose());
        g.writeStringField("command", command.command());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (plan.newerWithoutRisk().isPresent()) {
        UpdatePlan.NewerRelease newer = plan.newerWithoutRisk().get();
        g.writeObjectFieldStart("newerWithoutRisk");
        g.writeStringField("version", newer.version());
        g.writeNumberField("updateCount", newer.updates());
        g.writeStringField("description", "the newer " + newer.version() + " is reachable in " + newer.updates()
            + (newer.updates() == 1 ? " update" : " updates") + " without accepting any risk");
        g.writeEndObject();
      }
      if (plan.cut().isPresent()) {
        PathJson.writeCut(g, plan.cut().get());
      }
    });
  }
}
