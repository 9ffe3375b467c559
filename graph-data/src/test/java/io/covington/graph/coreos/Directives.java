package io.covington.graph.coreos;

import java.util.Optional;

/** Short names for the directives used by the tests. */
final class Directives {

  static final UpdateDirectives PLAIN = UpdateDirectives.none();
  static final UpdateDirectives BARRIER = new UpdateDirectives(Optional.of("b"), Optional.empty(), Optional.empty());
  static final UpdateDirectives DEADEND = new UpdateDirectives(Optional.empty(), Optional.of("d"), Optional.empty());
  static final UpdateDirectives ROLLOUT =
      new UpdateDirectives(Optional.empty(), Optional.empty(), Optional.of(Rollout.of(0, 1.0, 1)));
  static final UpdateDirectives ROLLING_BARRIER =
      new UpdateDirectives(Optional.of("rb"), Optional.empty(), Optional.of(Rollout.of(0, 0.0, 60)));

  private Directives() {}
}
