/**
 * The web dashboard: static pages served on the API port that draw the update graphs, paths and
 * CoreOS rollouts from Covington's own APIs, with a Content-Security-Policy that keeps every
 * request on the server's origin.
 */
package io.covington.server.dashboard;
