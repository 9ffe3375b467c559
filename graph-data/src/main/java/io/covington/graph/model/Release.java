package io.covington.graph.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One release image of one architecture, as a node of the update graph.
 *
 * @param version the version without any {@code +arch} suffix, e.g. {@code 4.16.3}
 * @param arch the architecture: {@code amd64}, {@code arm64}, {@code s390x}, {@code ppc64le} or {@code multi}
 * @param payload the pull spec of the release image; empty for an abstract release known only by name
 * @param metadata string metadata in insertion order, as served
 */
public record Release(String version, String arch, String payload, Map<String, String> metadata) {

  public Release {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(payload, "payload");
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** The graph identity of this release: {@code version+arch}. */
  public String id() {
    return version + "+" + arch;
  }

  /** Whether this release is only a name referenced by another release (no payload). */
  public boolean isAbstract() {
    return payload.isEmpty();
  }
}
