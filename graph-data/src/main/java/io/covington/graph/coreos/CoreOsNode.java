package io.covington.graph.coreos;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One release of a CoreOS graph.
 *
 * @param version the release version
 * @param payload the OSTree commit checksum or the image pull spec, per the graph's scheme
 * @param ageIndex the release's position in the unfiltered release index
 * @param directives barrier, dead-end and rollout (with its typed parameters for the policy)
 * @param metadata the served metadata, all values strings, keys per {@link CoreOsMetadata}
 */
public record CoreOsNode(
    String version, String payload, int ageIndex, UpdateDirectives directives, Map<String, String> metadata) {

  public CoreOsNode {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(directives, "directives");
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
