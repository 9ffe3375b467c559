package io.covington.graph.input;

import java.util.Objects;

/**
 * A change of machine operating system across an update, e.g. {@code fcos → scos}: Covington's
 * graph-data extension that lets a blocked edge select every update that changes the node OS
 * without listing versions. OS ids are compared with the releases' {@code
 * machine-os.covington.io/id} metadata.
 */
public record OsTransition(String from, String to) {

  public OsTransition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** Whether an update from a release running {@code fromOs} to one running {@code toOs} is one. */
  public boolean matches(String fromOs, String toOs) {
    return from.equals(fromOs) && to.equals(toOs);
  }

  @Override
  public String toString() {
    return from + " -> " + to;
  }
}
