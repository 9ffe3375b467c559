package io.covington.graph.coreos;

import java.util.Objects;

/** Which graph of a snapshot a request asks for: stream, base architecture and payload scheme. */
public record CoreOsGraphKey(String stream, String basearch, Scheme scheme) {

  public CoreOsGraphKey {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(basearch, "basearch");
    Objects.requireNonNull(scheme, "scheme");
  }
}
