/**
 * Safe update paths and explanations over HTTP ({@code {prefix}/v1/path}, {@code
 * {prefix}/v1/explain}) and their JSON, which the {@code path} and {@code explain} commands print too.
 */
package io.covington.server.path;
