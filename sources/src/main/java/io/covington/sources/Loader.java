package io.covington.sources;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a product's {@link Source}s and builds its snapshot. One attempt, {@link #load}, brings
 * every source up to date and answers a {@link LoadResult}: unchanged when no revision moved, the
 * built snapshot with the reasons it must not be published, or the failure. Inputs that fail are
 * not read again until one of them changes. Used from one worker thread at a time; blocks.
 *
 * @param <S> the snapshot type
 */
public abstract class Loader<S> implements AutoCloseable {

  private final List<Labelled> sources;
  private String loadedKey;
  private volatile String current;

  /** A source and the word its status lines start with, e.g. {@code releases}. */
  protected record Labelled(String label, Source<?> source) {}

  protected Loader(List<Labelled> sources) {
    this.sources = List.copyOf(sources);
  }

  /** Builds the snapshot from what the sources' last {@link Source#update()} named. */
  protected abstract LoadResult.Built<S> build() throws IOException, InvalidInputException;

  /**
   * One attempt.
   *
   * @param onlyIfChanged answer {@link LoadResult.Unchanged} when no source's revision changed
   *     since the last attempt; otherwise build whatever the revisions are
   */
  public final LoadResult<S> load(boolean onlyIfChanged) throws InterruptedException {
    try {
      return attempt(onlyIfChanged);
    } finally {
      current = null;
    }
  }

  private LoadResult<S> attempt(boolean onlyIfChanged) throws InterruptedException {
    String key;
    try {
      key = update();
    } catch (InputsChanging e) {
      return new LoadResult.Deferred<>(e.getMessage(), e.retryAfter());
    } catch (InvalidInputException e) {
      // Once the sources answer again, build whatever they hold, even the revisions last built:
      // only a build can tell the reloader that the served snapshot is current again.
      loadedKey = null;
      return new LoadResult.Failed<>(LoadResult.Outcome.REJECTED, "the inputs cannot be read", e.problems());
    } catch (IOException | RuntimeException e) {
      loadedKey = null;
      return failed(e);
    }
    if (onlyIfChanged && key.equals(loadedKey)) {
      return new LoadResult.Unchanged<>();
    }
    // Recorded before reading: data that fails to load is not read again until it changes.
    loadedKey = key;
    try {
      return build();
    } catch (InputsChanging e) {
      // Read again next time, whatever the revisions say then.
      loadedKey = null;
      return new LoadResult.Deferred<>(e.getMessage(), e.retryAfter());
    } catch (InvalidInputException e) {
      return new LoadResult.Failed<>(LoadResult.Outcome.REJECTED, "the inputs cannot be read", e.problems());
    } catch (IOException | RuntimeException e) {
      return failed(e);
    }
  }

  private String update() throws IOException, InterruptedException, InvalidInputException {
    StringBuilder key = new StringBuilder();
    for (Labelled s : sources) {
      if (Thread.interrupted()) {
        throw new InterruptedException("the attempt was abandoned");
      }
      current = s.label() + " " + s.source().location();
      try {
        key.append(key.length() == 0 ? "" : "/").append(s.source().update());
      } catch (InputsChanging e) {
        throw e;
      } catch (IOException e) {
        throw new Unreachable(s.source().location(), e);
      }
    }
    return key.toString();
  }

  /** A source that could not be reached, with its location. */
  private static final class Unreachable extends IOException {
    private static final long serialVersionUID = 1L;
    private final String location;

    Unreachable(String location, IOException cause) {
      super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
      this.location = location;
    }
  }

  private static <S> LoadResult<S> failed(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    List<LoadProblem> problems = e instanceof Unreachable u
        ? List.of(LoadProblem.of(u.location, "unreachable", message))
        : List.of();
    return new LoadResult.Failed<>(LoadResult.Outcome.ERROR, message, problems);
  }

  /**
   * Reads {@code source}, remembering which one is being read for {@link #currentSource()}.
   * Subclasses read their sources through it in {@link #build()}.
   */
  protected final <T> T read(Source<T> source, String label) throws IOException, InvalidInputException {
    current = label + " " + source.location();
    return source.read();
  }

  /** The source an attempt is fetching or reading now, if one is running: to name a stuck source. */
  public final Optional<String> currentSource() {
    return Optional.ofNullable(current);
  }

  /** Whether any input can change while the server runs; a loader whose inputs cannot is loaded once. */
  public final boolean isLive() {
    return sources.stream().anyMatch(s -> s.source().isLive());
  }

  /** Asks to be told as soon as an input may have changed; inputs that only poll ignore it. */
  public final void onChange(Runnable listener) {
    sources.forEach(s -> s.source().onChange(listener));
  }

  /** Where the inputs come from, one line per input, for the status endpoint. */
  public final List<String> sources() {
    List<String> lines = new ArrayList<>();
    for (Labelled s : sources) {
      s.source().describe().forEach(line -> lines.add(s.label() + ": " + line));
    }
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    sources.forEach(s -> s.source().close());
  }
}
