/**
 * HTTP concerns shared by every client API: the one request prologue, query decoding, client
 * errors and their JSON body, the one body writer, Accept negotiation, CORS, request metrics and
 * the API port's router.
 */
package io.covington.server.http;
