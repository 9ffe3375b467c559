package io.covington.graph.input;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One problem found in the input: where it is and what is wrong.
 *
 * @param source the file path or URL the problem is in
 * @param line the 1-based line, when the format gives one
 * @param kind a short machine-readable category, e.g. {@code invalid_yaml}, used as a metric label
 * @param message what is wrong and, where possible, how to fix it
 */
public record LoadProblem(String source, OptionalInt line, String kind, String message) {

  public LoadProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  public static LoadProblem of(String source, String kind, String message) {
    return new LoadProblem(source, OptionalInt.empty(), kind, message);
  }

  public static LoadProblem at(String source, int line, String kind, String message) {
    return new LoadProblem(source, line > 0 ? OptionalInt.of(line) : OptionalInt.empty(), kind, message);
  }

  @Override
  public String toString() {
    return source + (line.isPresent() ? ":" + line.getAsInt() : "") + ": " + kind + ": " + message;
  }
}
