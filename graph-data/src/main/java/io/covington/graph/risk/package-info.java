/**
 * Whether a cluster can evaluate the risks of a graph-data tree: every PromQL matching rule is
 * evaluated by a real Prometheus query engine ({@code promtool test rules}) on synthetic clusters,
 * and must give what the cluster-version-operator accepts, exactly one sample whose value is 0 or
 * 1. {@link io.covington.graph.risk.Promtool} is the only class here that starts a process.
 */
package io.covington.graph.risk;
