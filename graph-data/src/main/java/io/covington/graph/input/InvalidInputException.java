package io.covington.graph.input;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when input cannot be used at all, or has any problem in strict mode. */
public final class InvalidInputException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<LoadProblem> problems;

  public InvalidInputException(List<LoadProblem> problems) {
    super(
        problems.size()
            + " problem(s) in the input: "
            + problems.stream().limit(20).map(LoadProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<LoadProblem> problems() {
    return problems;
  }
}
