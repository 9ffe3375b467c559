package io.covington.graph.validate;

import io.covington.graph.model.VersionPair;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How one risk changed on updates of one channel that were conditional before and after a
 * graph-data change: what {@code madeConditional} cannot show, since the updates stay conditional.
 *
 * @param risk the risk name
 * @param change {@link Change#ADDED} to, {@link Change#REMOVED} from, or {@link Change#CHANGED} on the updates
 * @param fields for {@code CHANGED}: which of {@code url}, {@code message}, {@code matchingRules} differ
 * @param updates the updates, sorted
 */
public record RiskChange(String risk, Change change, List<String> fields, List<VersionPair> updates) {

  /** What happened to the risk on the updates. */
  public enum Change {
    ADDED("added to"),
    REMOVED("removed from"),
    CHANGED("changed on");

    private final String words;

    Change(String words) {
      this.words = words;
    }

    /** As a report says it, e.g. {@code added to}. */
    public String words() {
      return words;
    }

    /** As JSON names it, e.g. {@code added}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public RiskChange {
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(change, "change");
    fields = List.copyOf(fields);
    updates = List.copyOf(updates);
  }
}
