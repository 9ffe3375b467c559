package io.covington.sources;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one attempt to load a product's inputs gave: nothing new, a snapshot with the reasons it
 * must not replace a served one, or a failure to read the inputs at all.
 *
 * @param <S> the snapshot type
 */
public sealed interface LoadResult<S> {

  /**
   * The snapshot built, for a one-off load (a command, a test) that takes what could be read
   * whatever its rejections.
   *
   * @throws InvalidInputException naming the inputs when they could not be used
   */
  default S orElseThrow() throws InvalidInputException {
    if (this instanceof Built<S> built) {
      return built.snapshot();
    }
    if (this instanceof Failed<S> failed) {
      throw new InvalidInputException(failed.problems().isEmpty()
          ? List.of(LoadProblem.of("inputs", failed.outcome().label(), failed.reason()))
          : failed.problems());
    }
    if (this instanceof Deferred<S> deferred) {
      throw new InvalidInputException(List.of(LoadProblem.of("inputs", "changing", deferred.reason())));
    }
    throw new IllegalStateException("nothing was loaded: the inputs were unchanged");
  }

  /** No input changed since the last attempt; nothing was read. */
  record Unchanged<S>() implements LoadResult<S> {}

  /**
   * The inputs are being changed (files still being written or copied): nothing was published,
   * and the attempt should be made again once they are quiet.
   *
   * @param reason what is changing, naming it
   * @param retryAfter how long to wait before trying again
   */
  record Deferred<S>(String reason, Duration retryAfter) implements LoadResult<S> {
    public Deferred {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }

  /**
   * A snapshot was built.
   *
   * @param snapshot the new snapshot, with the problems of its inputs
   * @param rejections why it must not replace a snapshot that is being served (validation errors,
   *     no data at all); empty when it may
   * @param stale inputs that could not be refreshed and are in the snapshot at an older version
   *     (see {@link Source#stale()}); the snapshot is current when empty
   * @param missing inputs that were never read and are not in the snapshot at all (see {@link
   *     Source#missing()})
   */
  record Built<S>(S snapshot, List<LoadProblem> rejections, List<LoadProblem> stale, List<LoadProblem> missing)
      implements LoadResult<S> {
    public Built {
      Objects.requireNonNull(snapshot, "snapshot");
      rejections = List.copyOf(rejections);
      stale = List.copyOf(stale);
      missing = List.copyOf(missing);
    }

    /** A snapshot of every input, some perhaps at an older version. */
    public Built(S snapshot, List<LoadProblem> rejections, List<LoadProblem> stale) {
      this(snapshot, rejections, stale, List.of());
    }

    /** A snapshot of current inputs. */
    public Built(S snapshot, List<LoadProblem> rejections) {
      this(snapshot, rejections, List.of());
    }

    /** Whether some input is behind or absent: the snapshot is published, and still reported failing. */
    public boolean incomplete() {
      return !stale.isEmpty() || !missing.isEmpty();
    }

    /** The problems of the inputs behind or absent, the absent ones first. */
    public List<LoadProblem> unrefreshed() {
      List<LoadProblem> all = new ArrayList<>(missing);
      all.addAll(stale);
      return List.copyOf(all);
    }
  }

  /**
   * The inputs could not be used.
   *
   * @param outcome {@link Outcome#REJECTED} when they were read but cannot be used, {@link
   *     Outcome#ERROR} when a source could not be reached
   * @param reason one line saying why: what could not be read, or the unreachable source's error
   * @param problems the problems with file (or URL) and reason
   */
  record Failed<S>(Outcome outcome, String reason, List<LoadProblem> problems) implements LoadResult<S> {
    public Failed {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reason, "reason");
      problems = List.copyOf(problems);
    }
  }

  /** How an attempt ended, as counted by the reload metrics ({@code outcome} label). */
  enum Outcome {
    PUBLISHED,
    UNCHANGED,
    /** The inputs were still changing; tried again once quiet. */
    DEFERRED,
    /** Built and valid, but it would remove too much safety at once: held until an operator accepts it. */
    HELD,
    /** The data was read but failed validation, or could not be read as its format. */
    REJECTED,
    /** A source could not be reached. */
    ERROR;

    /** The metric label and status word, e.g. {@code rejected}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
