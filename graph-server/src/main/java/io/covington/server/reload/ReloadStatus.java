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
 * @param failing whether the last attempt that found changed data failed or was held back: the
 *     served graph is older than the inputs
 * @param held the valid reload held back for an operator, while it is
 * @param deferred why the last attempt waited for the inputs to be quiet, when it did
 */
public record ReloadStatus(
    List<String> sources,
    Optional<Instant> lastAttempt,
    Optional<String> lastOutcome,
    Optional<Failure> lastFailure,
    boolean failing,
    Optional<Held> held,
    Optional<String> deferred) {

  public ReloadStatus {
    sources = List.copyOf(sources);
  }

  /**
   * A valid reload held back because it would take away too much safety at once.
   *
   * @param revision the held revision, which an operator may accept
   * @param reasons what it would do, with counts and example updates
   */
  public record Held(Instant at, String revision, List<String> reasons) {
    public Held {
      reasons = List.copyOf(reasons);
    }
  }

  /** A failed attempt: when, why in one line, and the problems with file and reason. */
  public record Failure(Instant at, String reason, List<LoadProblem> problems) {
    public Failure {
      problems = List.copyOf(problems);
    }
  }

  static ReloadStatus initial() {
    return new ReloadStatus(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(),
        Optional.empty());
  }

  ReloadStatus withSources(List<String> newSources) {
    return new ReloadStatus(newSources, lastAttempt, lastOutcome, lastFailure, failing, held, deferred);
  }

  /** Published (the hold is over) or unchanged (whatever was, still is). */
  ReloadStatus attempted(Instant at, Outcome outcome) {
    boolean unchanged = outcome == Outcome.UNCHANGED;
    return new ReloadStatus(sources, Optional.of(at), Optional.of(outcome.label()), lastFailure, unchanged && failing,
        unchanged ? held : Optional.empty(), Optional.empty());
  }

  /** The inputs were still changing: nothing new is known, the attempt is made again soon. */
  ReloadStatus deferred(Instant at, String reason) {
    return new ReloadStatus(sources, Optional.of(at), Optional.of(Outcome.DEFERRED.label()), lastFailure, failing, held,
        Optional.of(reason));
  }

  ReloadStatus failed(Instant at, Outcome outcome, Failure failure) {
    return new ReloadStatus(sources, Optional.of(at), Optional.of(outcome.label()), Optional.of(failure), true, held,
        Optional.empty());
  }

  /** Published, with some inputs at their last good version: still failing, until they are refreshed. */
  ReloadStatus publishedStale(Instant at, Failure failure) {
    return new ReloadStatus(sources, Optional.of(at), Optional.of(Outcome.PUBLISHED.label()), Optional.of(failure), true,
        Optional.empty(), Optional.empty());
  }

  ReloadStatus held(Instant at, Held hold) {
    return new ReloadStatus(sources, Optional.of(at), Optional.of(Outcome.HELD.label()), lastFailure, true, Optional.of(hold),
        Optional.empty());
  }
}
