/**
 * Checks of graph-data the way a pull-request check would make them, shared by the {@code
 * validate} command and the server's reload: findings with severity and file, the rule that
 * decides whether new data may replace a served graph, and the per-channel edge diff between two
 * snapshots.
 */
package io.covington.graph.validate;
