package io.covington.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.server.RunningServer;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.sources.OpenShiftLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code covington plan} on the bundled data: the same plan as {@code /v1/plan} through a real server, as a table or JSON. */
class PlanCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunningServer server;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX);
    RunningServer.await(server.load(OpenShiftLoader.bundled(), false));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private int run(String... args) {
    return CovingtonCommand.commandLine(new CovingtonCommand(), Map.of())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void theCommandAndTheApiAgreeOnTheEusPlanAndTheTableShowsTheCommands() throws Exception {
    HttpResponse<String> api = RunningServer.get(server.api("/v1/plan?from=4.14.30&to=4.16&route=eus&channels=stable"));
    assertThat(api.statusCode()).as(api.body()).isEqualTo(200);

    assertThat(run("plan", "--from", "4.14.30", "--to", "4.16", "--route", "eus", "--channels", "stable", "--json"))
        .as(err.toString()).isZero();
    assertThat(JSON.readTree(out.toString())).isEqualTo(JSON.readTree(api.body()));

    out.getBuffer().setLength(0);
    assertThat(run("plan", "--from", "4.14.30", "--to", "4.16", "--route", "eus")).as(err.toString()).isZero();
    String table = out.toString();
    String target = JSON.readTree(api.body()).get("to").asText();
    assertThat(table).startsWith("amd64: 4.14.30 -> " + target + " over the eus,stable channels (eus route): 2 updates")
        .contains("CHANNEL", "eus-4.16", "paused", "Worker pools run: 4.14.30 -> " + target,
            "oc patch mcp/worker --type merge --patch '{\"spec\":{\"paused\":true}}'", "oc adm upgrade --to " + target,
            "oc adm upgrade channel eus-4.16");
  }

  @Test
  void aRefusedPlanIsOneLineNamingWhyAndExitsTwo() {
    assertThat(run("plan", "--from", "4.15.20", "--accept-risks", "Nope")).isEqualTo(2);
    assertThat(err.toString()).startsWith("covington plan: unknown_risk: acceptRisks names risks that no amd64 update carries: Nope");
  }

  @Test
  void anUnreachableTargetExitsOneAndNamesTheNewerReleaseWithoutRisk() {
    assertThat(run("plan", "--from", "4.15.20", "--to", "4.16.53")).isEqualTo(1);
    assertThat(out.toString()).contains("not reachable", "Accepting RuncShareProcessNamespace opens a path",
        "Note: the newer 4.16.55 is reachable in 1 update without accepting any risk.");
  }
}
