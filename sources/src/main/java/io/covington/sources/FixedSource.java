package io.covington.sources;

import io.covington.graph.input.InvalidInputException;
import java.util.Objects;

/**
 * An input that never changes, such as the data bundled in the jar: read on the first {@link
 * #update()} and kept.
 *
 * @param <T> what is read
 */
public final class FixedSource<T> implements Source<T> {

  /** Reads the data once. */
  @FunctionalInterface
  public interface Reader<T> {
    T read() throws InvalidInputException;
  }

  private final String location;
  private final String revision;
  private final Reader<T> reader;
  private T value;

  /**
   * @param location where the data is, for the status endpoint, e.g. {@code bundled}
   * @param revision the revision it is always at
   */
  public FixedSource(String location, String revision, Reader<T> reader) {
    this.location = Objects.requireNonNull(location, "location");
    this.revision = Objects.requireNonNull(revision, "revision");
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  @Override
  public synchronized String update() throws InvalidInputException {
    if (value == null) {
      value = reader.read();
    }
    return revision;
  }

  @Override
  public synchronized T read() throws InvalidInputException {
    update();
    return value;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public boolean isLive() {
    return false;
  }
}
