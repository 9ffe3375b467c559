package io.covington.graph.validate;

import io.covington.graph.input.LoadProblem;
import java.util.Objects;

/**
 * One thing the validator found: how bad it is, and the problem with its file, line and kind.
 */
public record Finding(Severity severity, LoadProblem problem) {

  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(problem, "problem");
  }

  public static Finding error(String source, String kind, String message) {
    return new Finding(Severity.ERROR, LoadProblem.of(source, kind, message));
  }

  public static Finding warning(String source, String kind, String message) {
    return new Finding(Severity.WARNING, LoadProblem.of(source, kind, message));
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return severity.label() + ": " + problem;
  }
}
