/**
 * Releases and graph-data straight from a container registry, as disconnected sites run them: a
 * client of the distribution API (tags, manifests, blobs; anonymous, Basic and Bearer token auth;
 * extra CAs), the release scrape that turns each release image into a release, a cache of what was
 * read keyed by manifest digest, and the graph-data image followed by digest.
 */
package io.covington.sources.registry;
