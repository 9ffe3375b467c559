package io.covington.benchmarks;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.cache.ContentCodings;
import io.covington.server.cache.EntityTags;
import io.covington.server.cache.RenderedResponse;
import io.covington.server.cache.ResponseCache;
import io.covington.server.openshift.GraphRenderer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-request cost of the graph endpoint's body on the largest bundled channel, candidate-4.14 on
 * amd64: a cache hit (key, look-up, Accept-Encoding and If-None-Match checks) against a miss
 * (render the JSON, hash it, gzip it), and the miss's parts. The HTTP layer is not included.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ResponseBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ResponseBenchmark {

  record Key(String channel, String arch) {}

  GraphSnapshot snapshot;
  ChannelGraph graph;
  byte[] body;
  ResponseCache<Key> cache;

  @Setup(Level.Trial)
  public void load() throws Exception {
    snapshot = GraphSnapshot.build(BundledData.releases(), BundledData.graphData());
    graph = snapshot.channel("candidate-4.14", "amd64").orElseThrow();
    body = GraphRenderer.render(graph);
    cache = new ResponseCache.Settings(64L << 20, Runnable::run, new ResponseCache.Recorder() {
      @Override
      public void cacheRequests(String api, boolean hit, int count) {}

      @Override
      public void cacheEvictions(String api, int count) {}
    }).create("bench");
    hit();
  }

  @Benchmark
  public Object hit() {
    RenderedResponse response = cache.get(new Key("candidate-4.14", "amd64"), () -> GraphRenderer.render(graph)).join();
    boolean gzip = ContentCodings.prefersGzip("gzip, deflate");
    boolean notModified = EntityTags.noneMatchFails("\"stale-tag\"", gzip ? response.gzipEtag() : response.etag());
    return notModified ? null : gzip ? response.gzip().orElseThrow() : response.identity();
  }

  /** Everything a miss does: render, hash, compress. */
  @Benchmark
  public RenderedResponse miss() {
    return RenderedResponse.of(GraphRenderer.render(graph));
  }

  @Benchmark
  public byte[] renderOnly() {
    return GraphRenderer.render(graph);
  }

  /** SHA-256 and gzip of the rendered bytes. */
  @Benchmark
  public RenderedResponse hashAndGzipOnly() {
    return RenderedResponse.of(body);
  }
}
