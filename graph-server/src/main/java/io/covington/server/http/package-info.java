/**
 * HTTP concerns shared by every client API: Accept negotiation, the JSON error body, CORS,
 * request metrics and the API port's router.
 */
package io.covington.server.http;
