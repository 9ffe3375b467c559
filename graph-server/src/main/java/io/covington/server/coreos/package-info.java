/**
 * The Fedora/CentOS Stream CoreOS graph API for Zincati ({@code /v1/graph?basearch=&stream=}),
 * paths and explanations on streams, the stream list, and their renderers.
 */
package io.covington.server.coreos;
