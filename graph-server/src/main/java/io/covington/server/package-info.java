/**
 * The Covington server: the command line ({@link io.covington.server.Main}) and the two HTTP
 * servers ({@link io.covington.server.CovingtonServer}). The only module that knows Vert.x.
 */
package io.covington.server;
