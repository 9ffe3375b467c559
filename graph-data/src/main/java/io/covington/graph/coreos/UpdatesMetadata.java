package io.covington.graph.coreos;

import java.util.Map;
import java.util.Objects;

/**
 * One stream's {@code updates.json}: barriers, dead-ends and rollouts by exact version.
 *
 * @param stream the stream the document declares, e.g. {@code stable}
 * @param directives what the document says per version; versions not in it have none
 * @param source the file or URL it was read from
 */
record UpdatesMetadata(String stream, Map<String, UpdateDirectives> directives, String source) {

  public UpdatesMetadata {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(source, "source");
    directives = Map.copyOf(directives);
  }

  /** The directives for {@code version}; {@link UpdateDirectives#none()} when not mentioned. */
  public UpdateDirectives forVersion(String version) {
    return directives.getOrDefault(version, UpdateDirectives.none());
  }
}
