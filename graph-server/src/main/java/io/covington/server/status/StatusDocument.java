package io.covington.server.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.signature.SignatureStore;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.graph.snapshot.Snapshot;
import io.covington.server.reload.ReloadStatus;
import io.covington.server.reload.Served;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code /status} document: for the OpenShift graph (at the top level) and for the CoreOS
 * streams (under {@code coreos}), the served revision and its age, the sources, the last load
 * attempt and the last failure with its problems (file, line, kind, message). O(problems shown).
 */
final class StatusDocument {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PROBLEMS_SHOWN = 50;

  private StatusDocument() {}

  static byte[] render(boolean ready, Served<GraphSnapshot> graph, Served<CoreOsSnapshot> coreos, List<String> historyProblems) {
    ObjectNode root = JSON.createObjectNode();
    root.put("ready", ready);
    section(root, "graph", graph);
    graph.snapshot().ifPresent(s -> signatures(root.putObject("signatures"), s.signatures()));
    ObjectNode streams = root.putObject("coreos");
    streams.put("ready", coreos.isReady());
    section(streams, "streams", coreos);
    coreos.snapshot().ifPresent(s -> {
      ArrayNode names = ((ObjectNode) streams.get("streams")).putArray("names");
      s.streams().forEach(names::add);
    });
    ArrayNode history = root.putObject("changeHistory").putArray("problems");
    historyProblems.forEach(history::add);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
  }

  /** What is served under {@code key}, then the sources, the last attempt and the last error. */
  private static void section(ObjectNode node, String key, Served<? extends Snapshot> served) {
    ReloadStatus status = served.status();
    served.current().ifPresentOrElse(
        generation -> {
          Snapshot s = generation.snapshot();
          ObjectNode snapshot = node.putObject(key);
          snapshot.put("revision", s.revision());
          snapshot.put("builtAt", s.builtAt().toString());
          snapshot.put("ageSeconds", generation.age().toMillis() / 1000.0);
          snapshot.put("problems", s.problems().size());
        },
        () -> node.putNull(key));
    ArrayNode sources = node.putArray("sources");
    status.sources().forEach(sources::add);
    ObjectNode attempt = node.putObject("lastAttempt");
    status.lastAttempt().ifPresentOrElse(at -> attempt.put("at", at.toString()), () -> attempt.putNull("at"));
    status.lastOutcome().ifPresentOrElse(o -> attempt.put("outcome", o), () -> attempt.putNull("outcome"));
    node.put("failing", status.failing());
    status.held().ifPresentOrElse(
        h -> {
          ObjectNode held = node.putObject("held");
          held.put("at", h.at().toString());
          held.put("revision", h.revision());
          ArrayNode reasons = held.putArray("reasons");
          h.reasons().forEach(reasons::add);
          held.put("accept", "POST /accept?revision=" + URLEncoder.encode(h.revision(), StandardCharsets.UTF_8));
        },
        () -> node.putNull("held"));
    status.deferred().ifPresent(d -> node.put("deferred", d));
    status.lastFailure().ifPresentOrElse(
        f -> {
          ObjectNode error = node.putObject("lastError");
          error.put("at", f.at().toString());
          error.put("reason", f.reason());
          error.put("problemCount", f.problems().size());
          ArrayNode problems = error.putArray("problems");
          f.problems().stream().limit(PROBLEMS_SHOWN).forEach(p -> problem(problems.addObject(), p));
        },
        () -> node.putNull("lastError"));
  }

  /** The release signatures served: how many, whether checked, and every refused file with why. */
  private static void signatures(ObjectNode node, SignatureStore store) {
    node.put("verifying", store.verifying());
    node.put("served", store.servedCount());
    node.put("digests", store.digestCount());
    node.put("refusedCount", store.refused().size());
    ArrayNode refused = node.putArray("refused");
    store.refused().stream().limit(PROBLEMS_SHOWN).forEach(p -> problem(refused.addObject(), p));
  }

  private static void problem(ObjectNode node, LoadProblem p) {
    node.put("file", p.source());
    if (p.line().isPresent()) {
      node.put("line", p.line().getAsInt());
    }
    node.put("kind", p.kind());
    node.put("message", p.message());
  }
}
