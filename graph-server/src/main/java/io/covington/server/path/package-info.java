/**
 * Safe update paths and explanations over HTTP ({@code {prefix}/v1/path}, {@code
 * {prefix}/v1/explain}) and on the command line ({@code covington path}, {@code covington
 * explain}).
 */
package io.covington.server.path;
