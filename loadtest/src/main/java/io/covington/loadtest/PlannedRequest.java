package io.covington.loadtest;

import java.util.Map;
import java.util.Set;

/**
 * One request of a mix.
 *
 * @param kind the client it models, for the report (e.g. {@code cluster}, {@code zincati})
 * @param uri path and query
 * @param headers request headers
 * @param expected the statuses that count as success (4xx included for deliberate bad requests)
 * @param validatorKey when present, the key under which the response's ETag is remembered and
 *     sent back as {@code If-None-Match} by a later poll of the same resource; empty for none
 */
public record PlannedRequest(String kind, String uri, Map<String, String> headers, Set<Integer> expected, String validatorKey) {}
