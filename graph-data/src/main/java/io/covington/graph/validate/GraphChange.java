package io.covington.graph.validate;

import io.covington.graph.model.VersionPair;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of one channel's served graph between two published snapshots, as an administrator
 * waiting for an update wants to read it: "4.16.12 → 4.17.3 became conditional because of risk X
 * (blocked-edges/4.17.3-X.yaml)".
 *
 * @param arch the architecture
 * @param channel the channel
 * @param kind what happened
 * @param releases for a release change: the versions, sorted; empty otherwise
 * @param updates for an update or risk change: the updates, sorted; empty otherwise
 * @param risk for a risk change: the risk name
 * @param fields for {@link Kind#RISK_CHANGED}: which of {@code url}, {@code message}, {@code
 *     matchingRules} differ
 * @param files the graph-data files that caused it, as paths inside graph-data (e.g. {@code
 *     blocked-edges/4.17.3-X.yaml}, {@code channels/stable-4.17.yaml}); empty when the release
 *     metadata, not graph-data, changed
 */
public record GraphChange(
    String arch,
    String channel,
    Kind kind,
    List<String> releases,
    List<VersionPair> updates,
    Optional<String> risk,
    List<String> fields,
    List<String> files) {

  /** What happened. */
  public enum Kind {
    RELEASES_ADDED,
    RELEASES_REMOVED,
    UPDATES_ADDED,
    UPDATES_REMOVED,
    MADE_CONDITIONAL,
    MADE_UNCONDITIONAL,
    RISK_ADDED,
    RISK_REMOVED,
    RISK_CHANGED;

    /** The lower-case wire name, e.g. {@code made_conditional}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a wire name; empty for an unknown one. */
    public static Optional<Kind> ofWireName(String name) {
      return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
    }
  }

  public GraphChange {
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(kind, "kind");
    releases = List.copyOf(releases);
    updates = List.copyOf(updates);
    Objects.requireNonNull(risk, "risk");
    fields = List.copyOf(fields);
    files = List.copyOf(files);
  }

  /** One line for a person, e.g. {@code stable-4.16 amd64: 4.15.20 → 4.16.53 made conditional (risk X)}. */
  public String describe() {
    String what = switch (kind) {
      case RELEASES_ADDED -> "added " + String.join(", ", releases);
      case RELEASES_REMOVED -> "removed " + String.join(", ", releases);
      case UPDATES_ADDED -> "updates added: " + pairs();
      case UPDATES_REMOVED -> "updates removed: " + pairs();
      case MADE_CONDITIONAL -> "made conditional: " + pairs();
      case MADE_UNCONDITIONAL -> "made unconditional: " + pairs();
      case RISK_ADDED -> "risk " + risk.orElse("") + " added to " + pairs();
      case RISK_REMOVED -> "risk " + risk.orElse("") + " removed from " + pairs();
      case RISK_CHANGED -> "risk " + risk.orElse("") + " changed (" + String.join(", ", fields) + ") on " + pairs();
    };
    return channel + " " + arch + ": " + what + (files.isEmpty() ? "" : " (" + String.join(", ", files) + ")");
  }

  private String pairs() {
    int shown = Math.min(5, updates.size());
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < shown; i++) {
      s.append(i == 0 ? "" : ", ").append(updates.get(i).from()).append(" → ").append(updates.get(i).to());
    }
    if (updates.size() > shown) {
      s.append(" and ").append(updates.size() - shown).append(" more");
    }
    return s.toString();
  }
}
