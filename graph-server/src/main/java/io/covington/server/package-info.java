/**
 * The Covington server: the entry point ({@link io.covington.server.Main}), a running server wired
 * from its settings ({@link io.covington.server.Covington}) and the two HTTP servers ({@link
 * io.covington.server.CovingtonServer}). The only module that knows Vert.x.
 */
package io.covington.server;
