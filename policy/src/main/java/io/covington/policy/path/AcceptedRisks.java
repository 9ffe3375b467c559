package io.covington.policy.path;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The conditional-update risks a caller accepts: a conditional update may be taken iff every one
 * of its risks is accepted.
 *
 * @param allRisks whether every risk is accepted, whatever its name
 * @param names the accepted risk names when {@code allRisks} is false (sorted); empty when {@code allRisks}
 */
public record AcceptedRisks(boolean allRisks, Set<String> names) {

  private static final AcceptedRisks NONE = new AcceptedRisks(false, Set.of());
  private static final AcceptedRisks ALL = new AcceptedRisks(true, Set.of());

  public AcceptedRisks {
    Objects.requireNonNull(names, "names");
    names = allRisks ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(names));
  }

  /** The default: unconditional updates only. */
  public static AcceptedRisks none() {
    return NONE;
  }

  /** Every conditional update is usable. */
  public static AcceptedRisks all() {
    return ALL;
  }

  /** These risks, by exact name. */
  public static AcceptedRisks of(Collection<String> names) {
    return names.isEmpty() ? NONE : new AcceptedRisks(false, Set.copyOf(names));
  }

  /**
   * The list the HTTP API's {@code acceptRisks} and the command's {@code --accept-risks} take:
   * risk names, comma-separated, or {@code all}; none when null or blank.
   */
  public static AcceptedRisks parse(String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    if (value.trim().equals("all")) {
      return ALL;
    }
    return of(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }

  public boolean accepts(String riskName) {
    return allRisks || names.contains(riskName);
  }

  /** Whether every one of {@code riskNames} is accepted. */
  public boolean acceptsAll(Collection<String> riskNames) {
    if (allRisks) {
      return true;
    }
    for (String name : riskNames) {
      if (!names.contains(name)) {
        return false;
      }
    }
    return true;
  }
}
