package io.covington.graph.validate;

import java.util.Locale;

/** How bad a finding is: an error fails the check (and a reload), a warning is only reported. */
public enum Severity {
  ERROR,
  WARNING;

  /** Lower case, as printed and in JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
