package io.covington.server.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.load.ReloadStatus;
import io.covington.server.load.SnapshotHolder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code /status} document: the served revision and its age, the last load attempt and the
 * last failure with its problems (file, line, kind, message). O(problems shown).
 */
final class StatusDocument {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PROBLEMS_SHOWN = 50;

  private StatusDocument() {}

  static byte[] render(boolean ready, SnapshotHolder snapshots, Instant now) {
    ObjectNode root = JSON.createObjectNode();
    Optional<GraphSnapshot> served = snapshots.current();
    ReloadStatus status = snapshots.status();
    root.put("ready", ready);
    served.ifPresentOrElse(
        s -> {
          ObjectNode graph = root.putObject("graph");
          graph.put("revision", s.revision());
          graph.put("builtAt", s.builtAt().toString());
          graph.put("ageSeconds", Duration.between(s.builtAt(), now).toMillis() / 1000.0);
          graph.put("problems", s.problems().size());
        },
        () -> root.putNull("graph"));
    ArrayNode sources = root.putArray("sources");
    status.sources().forEach(sources::add);
    ObjectNode attempt = root.putObject("lastAttempt");
    status.lastAttempt().ifPresentOrElse(at -> attempt.put("at", at.toString()), () -> attempt.putNull("at"));
    status.lastOutcome().ifPresentOrElse(o -> attempt.put("outcome", o), () -> attempt.putNull("outcome"));
    root.put("failing", status.failing());
    status.lastFailure().ifPresentOrElse(
        f -> {
          ObjectNode error = root.putObject("lastError");
          error.put("at", f.at().toString());
          error.put("reason", f.reason());
          error.put("problemCount", f.problems().size());
          ArrayNode problems = error.putArray("problems");
          f.problems().stream().limit(PROBLEMS_SHOWN).forEach(p -> problem(problems.addObject(), p));
        },
        () -> root.putNull("lastError"));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
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
