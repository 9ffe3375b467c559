/**
 * Loading the graph off the event loop and publishing it: the inputs given on the command line,
 * the load itself and the holder of the served snapshot.
 */
package io.covington.server.load;
