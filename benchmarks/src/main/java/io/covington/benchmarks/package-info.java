/**
 * JMH benchmarks of per-request policy work on the bundled data. Not run by {@code mvn verify}:
 * build the jar and run it (see {@link io.covington.benchmarks.PathBenchmark}).
 */
package io.covington.benchmarks;
