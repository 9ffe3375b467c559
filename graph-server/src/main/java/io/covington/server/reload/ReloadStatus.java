package io.covington.server.reload;

import io.covington.graph.input.LoadProblem;
import io.covington.sources.LoadResult.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the last attempts to load the graph did, for the status endpoint and the log.
 *
 * @param sources where the inputs come from
 * @param lastAttempt when the inputs were last checked
 * @param lastOutcome {@code published}, {@code unchanged}, {@code rejected} (the data failed
 *     validation) or {@code error} (a source could not be fetched or read); empty before the first
 * @param lastFailure the last attempt that did not publish new data although it had changed
 * @param failing whether the last attempt that found changed data failed: the served graph is
 *     older than the inputs
 */
public record ReloadStatus(
    List<String> sources,
    Optional<Instant> lastAttempt,
    Optional<String> lastOutcome,
    Optional<Failure> lastFailure,
    boolean failing) {

  public ReloadStatus {
    sources = List.copyOf(sources);
  }

  /** A failed attempt: when, why in one line, and the problems with file and reason. */
  public record Failure(Instant at, String reason, List<LoadProblem> problems) {
    public Failure {
      problems = List.copyOf(problems);
    }
  }

  static ReloadStatus initial() {
    return new ReloadStatus(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  ReloadStatus withSources(List<String> newSources) {
    return new ReloadStatus(newSources, lastAttempt, lastOutcome, lastFailure, failing);
  }

  ReloadStatus attempted(Instant at, Outcome outcome) {
    boolean stillFailing = outcome == Outcome.UNCHANGED ? failing : false;
    return new ReloadStatus(sources, Optional.of(at), Optional.of(outcome.label()), lastFailure, stillFailing);
  }

  ReloadStatus failed(Instant at, Outcome outcome, Failure failure) {
    return new ReloadStatus(sources, Optional.of(at), Optional.of(outcome.label()), Optional.of(failure), true);
  }
}
