package io.covington.server.changes;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.covington.graph.model.VersionPair;
import io.covington.graph.validate.GraphChange;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A publication as JSON: the history file's lines and {@code /v1/changes}' entries have the same form. */
final class ChangeJson {

  private ChangeJson() {}

  static void write(JsonGenerator g, Publication p, String channel) throws IOException {
    g.writeStartObject();
    g.writeNumberField("sequence", p.sequence());
    g.writeStringField("at", p.at().toString());
    g.writeStringField("baseRevision", p.baseRevision());
    g.writeStringField("revision", p.revision());
    g.writeArrayFieldStart("changes");
    for (GraphChange c : p.of(channel)) {
      write(g, c);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void write(JsonGenerator g, GraphChange c) throws IOException {
    g.writeStartObject();
    g.writeStringField("arch", c.arch());
    g.writeStringField("channel", c.channel());
    g.writeStringField("kind", c.kind().wireName());
    if (!c.releases().isEmpty()) {
      strings(g, "releases", c.releases());
    }
    if (!c.updates().isEmpty()) {
      g.writeArrayFieldStart("updates");
      for (VersionPair p : c.updates()) {
        g.writeStartObject();
        g.writeStringField("from", p.from());
        g.writeStringField("to", p.to());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (c.risk().isPresent()) {
      g.writeStringField("risk", c.risk().get());
    }
    if (!c.fields().isEmpty()) {
      strings(g, "fields", c.fields());
    }
    strings(g, "files", c.files());
    g.writeStringField("description", c.describe());
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /**
   * Reads a publication back.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  static Publication read(JsonNode node) {
    long sequence = required(node, "sequence").asLong();
    Instant at;
    try {
      at = Instant.parse(required(node, "at").asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("at is not an ISO-8601 instant: " + node.get("at").asText());
    }
    List<GraphChange> changes = new ArrayList<>();
    for (JsonNode c : required(node, "changes")) {
      String kind = required(c, "kind").asText();
      List<VersionPair> updates = new ArrayList<>();
      c.path("updates").forEach(u -> updates.add(new VersionPair(required(u, "from").asText(), required(u, "to").asText())));
      changes.add(new GraphChange(required(c, "arch").asText(), required(c, "channel").asText(),
          GraphChange.Kind.ofWireName(kind).orElseThrow(() -> new IllegalArgumentException("unknown change kind " + kind)),
          texts(c.path("releases")), updates, Optional.ofNullable(c.get("risk")).map(JsonNode::asText), texts(c.path("fields")),
          texts(c.path("files"))));
    }
    return new Publication(sequence, at, required(node, "baseRevision").asText(), required(node, "revision").asText(), changes);
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return value;
  }

  private static List<String> texts(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(v -> result.add(v.asText()));
    return result;
  }
}
