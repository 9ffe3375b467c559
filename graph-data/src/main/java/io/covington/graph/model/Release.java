package io.covington.graph.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One release image of one architecture, as a node of the update graph. A value: equal when
 * every field is equal.
 *
 * <p>Not a record, so that it can keep its hash code and id: a release is the vertex of every
 * JGraphT graph and the key of every index, and hashing its metadata map at each lookup was most
 * of the cost of building a snapshot.
 */
public final class Release {

  private final String version;
  private final String arch;
  private final String payload;
  private final Map<String, String> metadata;
  private final String id;
  private final int hash;

  /**
   * @param version the version without any {@code +arch} suffix, e.g. {@code 4.16.3}
   * @param arch the architecture: {@code amd64}, {@code arm64}, {@code s390x}, {@code ppc64le} or {@code multi}
   * @param payload the pull spec of the release image; empty for an abstract release known only by name
   * @param metadata string metadata in insertion order, as served
   */
  public Release(String version, String arch, String payload, Map<String, String> metadata) {
    this.version = Objects.requireNonNull(version, "version");
    this.arch = Objects.requireNonNull(arch, "arch");
    this.payload = Objects.requireNonNull(payload, "payload");
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    this.id = version + "+" + arch;
    this.hash = Objects.hash(version, arch, payload, this.metadata);
  }

  public String version() {
    return version;
  }

  public String arch() {
    return arch;
  }

  public String payload() {
    return payload;
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  /** The graph identity of this release: {@code version+arch}. */
  public String id() {
    return id;
  }

  /** Whether this release is only a name referenced by another release (no payload). */
  public boolean isAbstract() {
    return payload.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Release r
        && hash == r.hash
        && version.equals(r.version)
        && arch.equals(r.arch)
        && payload.equals(r.payload)
        && metadata.equals(r.metadata);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "Release[version=" + version + ", arch=" + arch + ", payload=" + payload + ", metadata=" + metadata + "]";
  }
}
