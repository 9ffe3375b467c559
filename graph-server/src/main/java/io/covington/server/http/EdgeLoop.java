package io.covington.server.http;

/**
 * What the edge knows of one event loop's connections: the requests in flight, the response bytes
 * queued, and the connections with nothing in flight in the order they became so (oldest first),
 * to close one when a new connection needs room. Touched only on its event loop's thread.
 */
final class EdgeLoop {

  int requestsInFlight;
  long queuedBytes;
  private EdgeConnection oldest;
  private EdgeConnection newest;

  /** Appends {@code c} as the newest connection with nothing in flight. */
  void listIdle(EdgeConnection c) {
    if (c.listed) {
      return;
    }
    c.listed = true;
    c.newer = null;
    c.older = newest;
    if (newest != null) {
      newest.newer = c;
    } else {
      oldest = c;
    }
    newest = c;
  }

  void unlist(EdgeConnection c) {
    if (!c.listed) {
      return;
    }
    c.listed = false;
    if (c.older != null) {
      c.older.newer = c.newer;
    } else {
      oldest = c.newer;
    }
    if (c.newer != null) {
      c.newer.older = c.older;
    } else {
      newest = c.older;
    }
    c.older = null;
    c.newer = null;
  }

  /** The connection with nothing in flight for the longest, other than {@code except}; null if none. */
  EdgeConnection oldestIdle(EdgeConnection except) {
    EdgeConnection c = oldest;
    return c == except ? (c == null ? null : c.newer) : c;
  }
}
