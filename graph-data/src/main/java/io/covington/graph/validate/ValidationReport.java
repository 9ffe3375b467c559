package io.covington.graph.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.model.VersionPair;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code validate} command found, rendered for people ({@link #text()}), for CI
 * ({@link #json()}) or for a pull request ({@link PullRequestReport}).
 *
 * @param revision the checked graph-data's revision (content hash or commit id)
 * @param findings errors first, then warnings
 * @param base the base revision the edge changes were computed against, when one was given
 * @param changes per-channel edge changes against the base; empty without a base or releases
 */
public record ValidationReport(
    String revision, List<Finding> findings, Optional<String> base, List<ChannelEdgeChanges> changes) {

  private static final JsonFactory JSON = new JsonFactory();

  /** How many updates of one risk change a line names before it only counts. */
  static final int UPDATES_SHOWN = 5;

  public ValidationReport {
    findings = List.copyOf(findings);
    changes = List.copyOf(changes);
  }

  public boolean hasErrors() {
    return GraphDataValidator.hasErrors(findings);
  }

  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  /** Lines for a terminal: one per finding, then the edge changes per channel, then a summary. */
  public List<String> text() {
    List<String> lines = new ArrayList<>();
    findings.forEach(f -> lines.add(f.toString()));
    base.ifPresent(b -> lines.add(changes.isEmpty() ? "no served update changes compared with " + b : "served updates compared with " + b + ":"));
    for (ChannelEdgeChanges c : changes) {
      lines.add("  " + c.channel() + " (" + c.arch() + "):");
      pairs(lines, "removed", c.removed());
      pairs(lines, "made conditional", c.madeConditional());
      pairs(lines, "added", c.added());
      pairs(lines, "made unconditional", c.madeUnconditional());
      for (RiskChange r : c.risks()) {
        lines.add("    risk " + r.risk() + fields(r) + " " + r.change().words() + " " + r.updates().size() + " conditional update(s): "
            + shown(r.updates(), UPDATES_SHOWN));
      }
    }
    lines.add(String.format("%s: %d error(s), %d warning(s) in graph-data %s",
        hasErrors() ? "FAILED" : "OK", count(Severity.ERROR), count(Severity.WARNING), revision));
    return lines;
  }

  /** The {@code url, message} a risk change concerns, in parentheses; empty for an addition or removal. */
  static String fields(RiskChange r) {
    return r.fields().isEmpty() ? "" : " (" + String.join(", ", r.fields()) + ")";
  }

  /** The first {@code limit} updates as {@code a -> b, c -> d}, and how many more. */
  static String shown(List<VersionPair> updates, int limit) {
    List<String> parts = new ArrayList<>();
    updates.stream().limit(limit).forEach(p -> parts.add(p.from() + " -> " + p.to()));
    return String.join(", ", parts) + (updates.size() > limit ? " and " + (updates.size() - limit) + " more" : "");
  }

  private static void pairs(List<String> lines, String what, List<VersionPair> pairs) {
    for (VersionPair p : pairs) {
      lines.add("    " + what + ": " + p.from() + " -> " + p.to());
    }
  }

  /**
   * The report as one JSON object: {@code {ok, revision, errors, warnings, findings[], base,
   * changes[]}}, each change {@code {channel, arch, removed, madeConditional, added,
   * madeUnconditional, risks: [{risk, change, fields, updates}]}}.
   */
  public String json() {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeBooleanField("ok", !hasErrors());
      g.writeStringField("revision", revision);
      g.writeNumberField("errors", count(Severity.ERROR));
      g.writeNumberField("warnings", count(Severity.WARNING));
      g.writeArrayFieldStart("findings");
      for (Finding f : findings) {
        LoadProblem p = f.problem();
        g.writeStartObject();
        g.writeStringField("severity", f.severity().label());
        g.writeStringField("file", p.source());
        if (p.line().isPresent()) {
          g.writeNumberField("line", p.line().getAsInt());
        }
        g.writeStringField("kind", p.kind());
        g.writeStringField("message", p.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (base.isPresent()) {
        g.writeStringField("base", base.get());
      }
      g.writeArrayFieldStart("changes");
      for (ChannelEdgeChanges c : changes) {
        g.writeStartObject();
        g.writeStringField("channel", c.channel());
        g.writeStringField("arch", c.arch());
        writePairs(g, "removed", c.removed());
        writePairs(g, "madeConditional", c.madeConditional());
        writePairs(g, "added", c.added());
        writePairs(g, "madeUnconditional", c.madeUnconditional());
        g.writeArrayFieldStart("risks");
        for (RiskChange r : c.risks()) {
          g.writeStartObject();
          g.writeStringField("risk", r.risk());
          g.writeStringField("change", r.change().label());
          g.writeArrayFieldStart("fields");
          for (String f : r.fields()) {
            g.writeString(f);
          }
          g.writeEndArray();
          writePairs(g, "updates", r.updates());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString() + "\n";
  }

  private static void writePairs(JsonGenerator g, String field, List<VersionPair> pairs) throws IOException {
    g.writeArrayFieldStart(field);
    for (VersionPair p : pairs) {
      g.writeStartObject();
      g.writeStringField("from", p.from());
      g.writeStringField("to", p.to());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
