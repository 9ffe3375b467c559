/**
 * What changed in the served graph: every published snapshot diffed with the one before, kept in
 * the cache directory across restarts, served as {@code {prefix}/v1/changes} (JSON) and {@code
 * {prefix}/v1/changes.atom} (an Atom feed per channel).
 */
package io.covington.server.changes;
