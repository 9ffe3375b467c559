package io.covington.graph.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.snapshot.GraphSnapshot;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * A reread that reuses the parse of unchanged files ({@link ParsedFiles}, what a watched directory
 * does on each reload) reads exactly what a full read of the same tree reads: the same channels,
 * blocks, problems and revision, and the snapshot built from it serves the same graph on every
 * channel, for random edits of the real bundled
 * graph-data (versions dropped and added, blocks rewritten, removed, duplicated and broken, files
 * rewritten unchanged). It parses only the files whose bytes changed.
 */
class ParsedFilesProperties {

  private static final Path BUNDLED = bundledGraphData();
  private static final ReleaseSet RELEASES = bundledReleases();

  private Path tree;

  @BeforeProperty
  void copyTheBundledGraphData() throws IOException {
    tree = Files.createTempDirectory("parsed-files");
    try (Stream<Path> files = Files.walk(BUNDLED)) {
      for (Path from : files.toList()) {
        Path to = tree.resolve(BUNDLED.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
  }

  @AfterProperty
  void deleteTheCopy() throws IOException {
    try (Stream<Path> files = Files.walk(tree)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Property(tries = 8)
  void aRereadAfterRandomEditsEqualsAFullRead(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int edits)
      throws Exception {
    ParsedFiles parsed = new ParsedFiles();
    GraphDataReader.read(tree, InputLimits.DEFAULT, parsed);
    int files = parsed.parsed();
    assertThat(parsed.reused()).isZero();

    Random random = new Random(seed);
    Set<Path> touched = new HashSet<>();
    for (int i = 0; i < edits; i++) {
      touched.add(edit(random));
    }

    GraphData incremental = GraphDataReader.read(tree, InputLimits.DEFAULT, parsed);
    GraphData full = GraphDataReader.read(tree, InputLimits.DEFAULT);

    assertThat(differences(incremental, full)).as("parts of the reread that differ from a full read").isEmpty();
    assertSameGraphs(incremental, full);
    assertThat(parsed.parsed()).as("only the files edited are parsed again").isLessThanOrEqualTo(touched.size());
    assertThat(parsed.reused() + parsed.parsed()).isBetween(files - touched.size(), files + touched.size());

    // A read of the tree as it now is, again: nothing is parsed.
    GraphData again = GraphDataReader.read(tree, InputLimits.DEFAULT, parsed);
    assertThat(differences(again, full)).isEmpty();
    assertThat(parsed.parsed()).isZero();
  }

  /**
   * What a restart does with a parse cache ({@link ParsedFiles#stored}): a new process, after the
   * tree was edited while it was down, reads exactly what a full read reads, parsing only the
   * edited files.
   */
  @Property(tries = 6)
  void aRestartOnAStoredCacheAfterRandomEditsEqualsAFullRead(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int edits)
      throws Exception {
    Path store = Files.createTempDirectory("parsed-store").resolve("graph-data.bin");
    ParsedFiles before = ParsedFiles.stored(store);
    GraphDataReader.read(tree, InputLimits.DEFAULT, before);
    int files = before.parsed();

    Random random = new Random(seed);
    Set<Path> touched = new HashSet<>();
    for (int i = 0; i < edits; i++) {
      touched.add(edit(random));
    }

    ParsedFiles restarted = ParsedFiles.stored(store);
    GraphData fromStore = GraphDataReader.read(tree, InputLimits.DEFAULT, restarted);
    GraphData full = GraphDataReader.read(tree, InputLimits.DEFAULT);

    assertThat(differences(fromStore, full)).as("parts of the read on a stored cache that differ from a full read").isEmpty();
    assertSameGraphs(fromStore, full);
    assertThat(restarted.storeTrouble()).isFalse();
    assertThat(restarted.parsed()).as("only the files edited are parsed").isLessThanOrEqualTo(touched.size());
    assertThat(restarted.reused()).isGreaterThanOrEqualTo(files - touched.size());
    Files.delete(store);
    Files.delete(store.getParent());
  }

  /**
   * The snapshots built from the two reads with the bundled releases serve the same graph on every
   * channel and architecture: what the graph API renders (a pure function of these) is the same
   * byte for byte.
   */
  private static void assertSameGraphs(GraphData read, GraphData full) {
    GraphSnapshot a = GraphSnapshot.build(RELEASES, read);
    GraphSnapshot b = GraphSnapshot.build(RELEASES, full);
    assertThat(a.architectures()).isEqualTo(b.architectures());
    for (String arch : b.architectures()) {
      assertThat(a.channels(arch)).as(arch + " channel list").isEqualTo(b.channels(arch));
      for (var channel : b.channels(arch)) {
        assertThat(a.channel(channel.name(), arch)).as(channel.name() + " " + arch).isEqualTo(b.channel(channel.name(), arch));
      }
    }
  }

  /**
   * The parts in which two reads differ, named (a whole tree printed would hide the difference).
   * Blocked edges hold compiled patterns, which are equal only to themselves: they are compared by
   * their text, which their records print in full.
   */
  static List<String> differences(GraphData a, GraphData b) {
    List<String> differ = new ArrayList<>();
    if (!a.channels().equals(b.channels())) {
      differ.add("channels");
    }
    List<String> blocksA = a.blockedEdges().stream().map(BlockedEdge::toString).toList();
    List<String> blocksB = b.blockedEdges().stream().map(BlockedEdge::toString).toList();
    if (!blocksA.equals(blocksB)) {
      differ.add("blocked edges: " + blocksA.stream().filter(x -> !blocksB.contains(x)).toList() + " vs "
          + blocksB.stream().filter(x -> !blocksA.contains(x)).toList());
    }
    if (!a.problems().equals(b.problems())) {
      differ.add("problems " + a.problems() + " vs " + b.problems());
    }
    if (!a.rawMetadata().equals(b.rawMetadata()) || !a.layoutVersion().equals(b.layoutVersion())
        || !a.signatures().equals(b.signatures())) {
      differ.add("metadata, layout or signatures");
    }
    if (!a.revision().equals(b.revision())) {
      differ.add("revision " + a.revision() + " vs " + b.revision());
    }
    return differ;
  }

  /** One edit of a real kind to a random channel or blocked-edge file; returns the file. */
  private Path edit(Random random) throws IOException {
    List<Path> channels = list("channels");
    List<Path> blocks = list("blocked-edges");
    Path channel = channels.get(random.nextInt(channels.size()));
    Path block = blocks.get(random.nextInt(blocks.size()));
    String text;
    switch (random.nextInt(7)) {
      case 0 -> { // drop a channel's last version
        text = Files.readString(channel);
        String body = text.stripTrailing();
        Files.writeString(channel, body.substring(0, body.lastIndexOf('\n') + 1));
        return channel;
      }
      case 1 -> { // add to a channel a version another channel has
        Path other = channels.get(random.nextInt(channels.size()));
        List<String> lines = Files.readAllLines(other).stream().filter(l -> l.startsWith("- ")).toList();
        String line = lines.isEmpty() ? "- 4.99.0" : lines.get(random.nextInt(lines.size()));
        Files.writeString(channel, Files.readString(channel).stripTrailing() + "\n" + line + "\n");
        return channel;
      }
      case 2 -> { // reword a block's message
        text = Files.readString(block);
        Files.writeString(block, text.replaceFirst("(?m)^message:", "message: reworded"));
        return block;
      }
      case 3 -> { // lift a block
        Files.delete(block);
        return block;
      }
      case 4 -> { // the same block under another name
        Path copy = block.resolveSibling("copy-" + random.nextInt(1000) + "-" + block.getFileName());
        Files.copy(block, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
      }
      case 5 -> { // a half-written file
        byte[] bytes = Files.readAllBytes(block);
        Files.write(block, Arrays.copyOf(bytes, bytes.length / 2));
        return block;
      }
      default -> { // rewritten with the same bytes: reused
        Files.write(channel, Files.readAllBytes(channel));
        return channel;
      }
    }
  }

  private List<Path> list(String folder) throws IOException {
    try (Stream<Path> files = Files.list(tree.resolve(folder))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static ReleaseSet bundledReleases() {
    try {
      return BundledData.releases();
    } catch (InvalidInputException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path bundledGraphData() {
    try {
      return Path.of(BundledData.class.getResource("/io/covington/graph/bundled/openshift/graph-data").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
