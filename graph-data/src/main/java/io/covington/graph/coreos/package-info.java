/**
 * The Fedora CoreOS ("Zincati") update graph: readers of the per-stream release index and
 * updates metadata, the graph rules (barriers, dead-ends, rollouts), the immutable snapshot of
 * every stream.
 */
package io.covington.graph.coreos;
