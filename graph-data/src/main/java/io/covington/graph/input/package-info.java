/**
 * Readers of every OpenShift input format: release-metadata documents, raw graph JSON and the
 * cincinnati-graph-data layout. Readers report problems with file and line instead of failing.
 */
package io.covington.graph.input;
