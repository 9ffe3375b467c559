package io.covington.benchmarks;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.ParsedFiles;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.snapshot.GraphSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to build a snapshot: on the bundled data (the real cincinnati-graph-data, 433 releases),
 * with and without reading the inputs from the jar, and on synthetic inputs 1×, 10× and 100× the
 * size in releases × blocked edges per target ({@link SyntheticGraph}), to show how the cost grows.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SnapshotBuildBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class SnapshotBuildBenchmark {

  /** The bundled inputs, read once. */
  @State(Scope.Benchmark)
  public static class Bundled {
    ReleaseSet releases;
    GraphData data;

    @Setup(Level.Trial)
    public void read() throws Exception {
      releases = BundledData.releases();
      data = BundledData.graphData();
    }
  }

  /** Synthetic inputs of one scale. */
  @State(Scope.Benchmark)
  public static class Synthetic {
    @Param({"1", "10", "100"})
    int scale;

    SyntheticGraph inputs;

    @Setup(Level.Trial)
    public void generate() {
      inputs = SyntheticGraph.ofScale(scale);
    }
  }

  /** The build alone, from inputs already read. */
  @Benchmark
  public GraphSnapshot buildBundled(Bundled bundled) {
    return GraphSnapshot.build(bundled.releases, bundled.data);
  }

  /** What a server start or reload does: read the releases and ~1,800 graph-data files, then build. */
  @Benchmark
  public GraphSnapshot readAndBuildBundled() throws Exception {
    return GraphSnapshot.build(BundledData.releases(), BundledData.graphData());
  }

  /** A parse cache on disk ({@code --parse-cache}), written once: what a restart or a command reads. */
  @State(Scope.Benchmark)
  public static class WarmParseCache {
    Path dir;

    @Setup(Level.Trial)
    public void write() throws Exception {
      dir = Files.createTempDirectory("covington-parse-cache");
      BundledData.releases(ParsedFiles.stored(dir.resolve("releases.bin")));
      BundledData.graphData(ParsedFiles.stored(dir.resolve("graph-data.bin")));
    }
  }

  /** Reading the releases and ~1,800 graph-data files, parsing all of them (a start without a parse cache). */
  @Benchmark
  public Object readBundled() throws Exception {
    return List.of(BundledData.releases(), BundledData.graphData());
  }

  /**
   * The same read through a warm parse cache, as a new process does it (a new {@link ParsedFiles}
   * each time, so the store file is read, checked and decoded every time): every file is still
   * read and hashed, none is parsed.
   */
  @Benchmark
  public Object readBundledFromParseCache(WarmParseCache cache) throws Exception {
    return List.of(BundledData.releases(ParsedFiles.stored(cache.dir.resolve("releases.bin"))),
        BundledData.graphData(ParsedFiles.stored(cache.dir.resolve("graph-data.bin"))));
  }

  @Benchmark
  public GraphSnapshot buildSynthetic(Synthetic synthetic) {
    return GraphSnapshot.build(synthetic.inputs.releases(), synthetic.inputs.data());
  }
}
