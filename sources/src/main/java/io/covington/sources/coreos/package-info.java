/** The CoreOS streams: bundled, a directory, or release-index and updates URLs per stream. */
package io.covington.sources.coreos;
