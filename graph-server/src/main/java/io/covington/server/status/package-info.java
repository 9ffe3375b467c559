/** The status port: liveness, readiness, {@code /status} and Prometheus metrics. */
package io.covington.server.status;
