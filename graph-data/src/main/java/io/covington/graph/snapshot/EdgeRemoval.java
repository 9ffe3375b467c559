package io.covington.graph.snapshot;

/**
 * An update that release metadata declared but the server does not offer, and why.
 *
 * @param fromId the source release id ({@code version+arch})
 * @param toId the target release id
 * @param reason what removed it, e.g. {@code blocked-edge}, {@code previous.remove},
 *     {@code previous.remove_regex}, {@code release.remove}
 * @param source the file (or release) that said so
 * @param message the block's explanation for people, when it has one
 */
public record EdgeRemoval(String fromId, String toId, String reason, String source, java.util.Optional<String> message) {}
