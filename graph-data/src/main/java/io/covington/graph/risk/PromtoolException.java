package io.covington.graph.risk;

/** {@code promtool} could not be run, or printed something that is not a unit-test report. */
public final class PromtoolException extends Exception {

  private static final long serialVersionUID = 1L;

  public PromtoolException(String message) {
    super(message);
  }
}
