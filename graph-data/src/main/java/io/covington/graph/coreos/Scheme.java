package io.covington.graph.coreos;

import java.util.Optional;

/** What a CoreOS node's payload is: an OSTree commit checksum or a container image pull spec. */
public enum Scheme {
  /** The payload is the OSTree commit checksum ({@code oci=false}, the default). */
  CHECKSUM("checksum"),
  /** The payload is an image pull spec with digest ({@code oci=true}). */
  OCI("oci");

  private final String wireName;

  Scheme(String wireName) {
    this.wireName = wireName;
  }

  /** The value of the {@code org.fedoraproject.coreos.scheme} metadata key. */
  public String wireName() {
    return wireName;
  }

  /** The scheme whose wire name is {@code name}, if any. */
  public static Optional<Scheme> fromWireName(String name) {
    for (Scheme scheme : values()) {
      if (scheme.wireName.equals(name)) {
        return Optional.of(scheme);
      }
    }
    return Optional.empty();
  }
}
