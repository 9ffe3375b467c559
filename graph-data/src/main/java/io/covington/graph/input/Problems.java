package io.covington.graph.input;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems found while reading one set of inputs. Not thread-safe. */
public final class Problems {

  private final List<LoadProblem> problems = new ArrayList<>();

  public void add(LoadProblem problem) {
    problems.add(problem);
  }

  public void add(String source, String kind, String message) {
    add(LoadProblem.of(source, kind, message));
  }

  public List<LoadProblem> list() {
    return List.copyOf(problems);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }
}
