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
    UNKNOWN_VERSION("unknown_version", true),
    /** The release exists on the architecture but the channel (or no channel of the families asked) serves it (400). */
    VERSION_NOT_IN_CHANNEL("version_not_in_channel", false),
    /** No such channel in the graph-data (404). */
    UNKNOWN_CHANNEL("unknown_channel", true),
    /** No release at all on that architecture (404). */
    UNKNOWN_ARCH("unknown_arch", true),
    /** Accepted risks that no update of the architecture carries: a typo would otherwise be silently ignored (400). */
    UNKNOWN_RISK("unknown_risk", false),
    /** The target is older than the release updated from: clusters are never downgraded (400). */
    DOWNGRADE("downgrade", false),
    /** A plan parameter that is not one of its allowed values, or a route the versions do not fit (400). */
    INVALID_PLAN("invalid_plan", false);

    private final String wireName;
    private final boolean notFound;

    Kind(String wireName, boolean notFound) {
      this.wireName = wireName;
      this.notFound = notFound;
    }

    /** Whether the query names something the data does not have (HTTP 404), rather than a bad combination (400). */
    public boolean notFound() {
      return notFound;
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

  /** The query parameter at fault: e.g. {@code from}, {@code to}, {@code channel}, {@code arch} or {@code acceptRisks}. */
  public String parameter() {
    return parameter;
  }

  /** The value given for {@link #parameter()}. */
  public String value() {
    return value;
  }
}
