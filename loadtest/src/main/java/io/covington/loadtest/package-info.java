/**
 * An open-model HTTP load generator: requests leave at a fixed arrival rate from a schedule, and
 * each latency is measured from the request's scheduled send time, so a server that falls behind
 * shows its queueing in the percentiles instead of slowing the generator down (coordinated
 * omission corrected). Request mixes model real fleets of clusters, CoreOS nodes and dashboards.
 */
package io.covington.loadtest;
