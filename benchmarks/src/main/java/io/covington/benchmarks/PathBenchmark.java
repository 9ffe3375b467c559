package io.covington.benchmarks;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.policy.path.AcceptedRisks;
import io.covington.policy.path.PathIndex;
import io.covington.policy.path.PathPlan;
import io.covington.policy.path.PathQueryException;
import io.covington.policy.path.PathRequest;
import io.covington.policy.path.SafePathPlanner;
import io.covington.policy.path.UpdateExplainer;
import io.covington.policy.path.UpdateExplanation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-query latency of {@link SafePathPlanner} and {@link UpdateExplainer} on the largest bundled
 * channel, candidate-4.14 on amd64 (270 releases, about 14,000 updates). Each operation is one
 * query; successive operations walk every upgrade pair (from older than to, 36,315 pairs) in a
 * fixed shuffled order, so reachable and unreachable answers are both measured in their real proportion.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar PathBenchmark -f 1 -wi 2 -i 3}. {@link Mode#SampleTime} reports
 * p50, p90, p99 and more per benchmark.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@State(Scope.Benchmark)
public class PathBenchmark {

  static final String CHANNEL = "candidate-4.14";
  static final String ARCH = "amd64";

  SafePathPlanner planner;
  UpdateExplainer explainer;
  List<String[]> pairs;
  List<String> versions;

  /** The snapshot and index are built once; a server holds them per snapshot. */
  @Setup(Level.Trial)
  public void load() throws Exception {
    GraphSnapshot snapshot = GraphSnapshot.build(BundledData.releases(), BundledData.graphData());
    PathIndex index = PathIndex.of(snapshot).warm();
    planner = new SafePathPlanner(index);
    explainer = new UpdateExplainer(index);
    ChannelGraph g = snapshot.channel(CHANNEL, ARCH).orElseThrow();
    versions = g.nodes().stream().map(r -> r.version()).toList();
    pairs = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      for (int j = i + 1; j < versions.size(); j++) {
        pairs.add(new String[] {versions.get(i), versions.get(j)});
      }
    }
    // A fixed shuffle: any stretch of operations samples the whole channel, not one source release.
    Collections.shuffle(pairs, new Random(20240101L));
  }

  /** Each benchmark thread's position in the pair list. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    int advance(int size) {
      int i = next;
      next = next + 1 == size ? 0 : next + 1;
      return i;
    }
  }

  @Benchmark
  public PathPlan pathToVersion(Cursor cursor) throws PathQueryException {
    String[] pair = pairs.get(cursor.advance(pairs.size()));
    return planner.plan(new PathRequest(CHANNEL, ARCH, pair[0], Optional.of(pair[1]), AcceptedRisks.none()));
  }

  @Benchmark
  public PathPlan pathToVersionAllRisks(Cursor cursor) throws PathQueryException {
    String[] pair = pairs.get(cursor.advance(pairs.size()));
    return planner.plan(new PathRequest(CHANNEL, ARCH, pair[0], Optional.of(pair[1]), AcceptedRisks.all()));
  }

  @Benchmark
  public PathPlan pathToNewest(Cursor cursor) throws PathQueryException {
    String from = versions.get(cursor.advance(versions.size()));
    return planner.plan(new PathRequest(CHANNEL, ARCH, from, Optional.empty(), AcceptedRisks.none()));
  }

  @Benchmark
  public UpdateExplanation explain(Cursor cursor) {
    String[] pair = pairs.get(cursor.advance(pairs.size()));
    return explainer.explain(CHANNEL, ARCH, pair[0], pair[1]);
  }
}
