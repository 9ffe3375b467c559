/**
 * Where the inputs come from and how they are kept up to date: a watched directory, a git
 * repository fetched with JGit, a tar.gz archive at an http(s) URL, and the releases. Each source
 * says which revision it holds (commit id, ETag or content hash) and never exposes a half-updated
 * tree. Every method here blocks: call it from a worker thread.
 */
package io.covington.sources;
