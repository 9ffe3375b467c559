/**
 * The Fedora/CentOS Stream CoreOS graph API for Zincati ({@code /v1/graph?basearch=&stream=}),
 * its inputs (bundled, a directory, or per-stream URLs re-read on an interval) and the snapshot
 * it serves.
 */
package io.covington.server.coreos;
