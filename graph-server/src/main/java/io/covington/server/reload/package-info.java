/**
 * Holding and reloading what is served, the same way for every product: {@link
 * io.covington.server.reload.Served} holds a product's snapshot and everything computed once for
 * it, {@link io.covington.server.reload.Reloader} decides when its sources are read again and
 * whether what they give may be published.
 */
package io.covington.server.reload;
