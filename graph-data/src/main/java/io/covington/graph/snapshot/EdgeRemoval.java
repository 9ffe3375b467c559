package io.covington.graph.snapshot;

import io.covington.graph.input.BlockedEdge;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An update that release metadata declared but the server does not offer, and why.
 *
 * @param fromId the source release id ({@code version+arch})
 * @param toId the target release id
 * @param reason what removed it, e.g. {@code blocked-edge}, {@code previous.remove},
 *     {@code previous.remove_regex}, {@code release.remove}
 * @param source the file (or release) that said so
 * @param message the block's explanation for people, when it has one
 * @param blocks for {@code blocked-edge}: every unconditional block that matches the update, in
 *     file-name order (the first one is {@code source}); empty for the other reasons
 * @param release for the edge-editing reasons: the id of the release whose metadata removed the
 *     update; empty for {@code blocked-edge}
 */
public record EdgeRemoval(
    String fromId,
    String toId,
    String reason,
    String source,
    Optional<String> message,
    List<BlockedEdge> blocks,
    Optional<String> release) {

  /** The {@link #reason()} of an update removed by a {@code blocked-edges/} file. */
  public static final String BLOCKED_EDGE = "blocked-edge";

  public EdgeRemoval {
    Objects.requireNonNull(fromId, "fromId");
    Objects.requireNonNull(toId, "toId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
    blocks = List.copyOf(blocks);
    Objects.requireNonNull(release, "release");
  }

  /** A removal without provenance beyond its source and message. */
  public EdgeRemoval(String fromId, String toId, String reason, String source, Optional<String> message) {
    this(fromId, toId, reason, source, message, List.of(), Optional.empty());
  }

  /** A removal without an explanation for people beyond its reason and source. */
  public EdgeRemoval(String fromId, String toId, String reason, String source) {
    this(fromId, toId, reason, source, Optional.empty());
  }
}
