/**
 * Per-request policy of the Fedora CoreOS graph API: the client's rollout wariness, the
 * throttling of each rollout at the request instant, and the edges a request may not see.
 * Pure functions; the clock is always passed in.
 */
package io.covington.policy.coreos;
