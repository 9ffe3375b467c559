/**
 * Pre-rendered responses: each body that depends only on the served snapshot and the query is
 * rendered once per snapshot, hashed into a strong {@code ETag} and gzip-compressed once, and
 * kept in a bounded per-snapshot cache; requests then only parse, look up and write, answering
 * {@code If-None-Match} with 304 and {@code Accept-Encoding: gzip} with the stored compressed bytes.
 */
package io.covington.server.cache;
