package io.covington.loadtest;

import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** What a load test sends: a deterministic function of a random source, shared by every lane. */
public interface RequestMix {

  /** The next request; the same sequence of {@code random} gives the same requests. */
  PlannedRequest next(SplittableRandom random);

  /** A single static resource, e.g. for comparing with a web server serving the same bytes. */
  static RequestMix fixed(String uri) {
    PlannedRequest request = new PlannedRequest("static", uri, Map.of("Accept", "application/json"), Set.of(200), "");
    return random -> request;
  }
}
