package io.covington.server.cli;

/**
 * A {@code path} or {@code explain} query the data cannot answer, or data that cannot be read: the
 * error kind the HTTP API would answer, and why. The commands print it as one line and exit 2.
 */
final class QueryRefused extends Exception {

  private static final long serialVersionUID = 1L;
  private final String kind;

  QueryRefused(String kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  /** E.g. {@code unknown_stream}. */
  String kind() {
    return kind;
  }
}
