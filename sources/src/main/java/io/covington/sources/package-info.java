/**
 * Where the inputs come from and how they are kept up to date. Every input is a {@link
 * io.covington.sources.Source}: it says which revision it holds (commit id, ETag, digest or content
 * hash) and never exposes a half-updated tree. The {@link io.covington.sources.OpenShiftLoader} and
 * {@link io.covington.sources.CoreOsLoader} turn a product's sources into a {@link
 * io.covington.sources.LoadResult}. Every method here blocks: call it from a worker thread.
 */
package io.covington.sources;
