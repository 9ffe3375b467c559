package io.covington.graph.snapshot;

import io.covington.graph.input.LoadProblem;
import java.time.Instant;
import java.util.List;

/**
 * An immutable view built from one product's inputs (the OpenShift graph, the CoreOS streams),
 * what a server holds, publishes with one reference swap and describes on its status page.
 */
public interface Snapshot {

  /** Identity of the inputs it was built from: equal revisions, equal content. */
  String revision();

  /** When it was built. */
  Instant builtAt();

  /** Problems found in its inputs; the entries concerned were skipped. */
  List<LoadProblem> problems();
}
