package io.covington.policy.path;

import java.util.Objects;

/**
 * A path or explanation query that names something the snapshot does not have. The HTTP layer maps
 * it to the error body {@code {"kind": kind().wireName(), "value": getMessage()}}.
 */
public final class PathQueryException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What was wrong with the query. */
  public enum Kind {
    /** No release of that version on that architecture (404). */
    UNKNOWN_VERSION("unknown_version"),
    /** The release exists on the architecture but the channel does not serve it (400). */
    VERSION_NOT_IN_CHANNEL("version_not_in_channel"),
    /** No such channel in the graph-data (404). */
    UNKNOWN_CHANNEL("unknown_channel"),
    /** No release at all on that architecture (404). */
    UNKNOWN_ARCH("unknown_arch");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  private final Kind kind;
  private final String parameter;
  private final String value;

  PathQueryException(Kind kind, String parameter, String value, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.parameter = Objects.requireNonNull(parameter, "parameter");
    this.value = Objects.requireNonNull(value, "value");
  }

  public Kind kind() {
    return kind;
  }

  /** The query parameter at fault: {@code from}, {@code to}, {@code channel} or {@code arch}. */
  public String parameter() {
    return parameter;
  }

  /** The value given for {@link #parameter()}. */
  public String value() {
    return value;
  }
}
