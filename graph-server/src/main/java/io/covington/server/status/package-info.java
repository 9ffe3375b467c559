/** The status port: liveness, readiness and Prometheus metrics. */
package io.covington.server.status;
