/**
 * The immutable OpenShift graph snapshot: built once from releases and graph-data, then shared by
 * every request until the next reload replaces it.
 */
package io.covington.graph.snapshot;
