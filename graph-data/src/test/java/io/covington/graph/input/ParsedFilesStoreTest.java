package io.covington.graph.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.bundled.BundledData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parse cache on disk ({@link ParsedFiles#stored}) on a copy of the real bundled graph-data:
 * a warm store spares every parse and gives what a full read gives; a store that is corrupt,
 * truncated, written by another parser or behind the files is never used for what it does not
 * match: the result is always a full read's, the trouble is reported, and the store is rewritten.
 */
class ParsedFilesStoreTest {

  @TempDir Path dir;
  private Path tree;
  private Path store;
  private GraphData full;

  @BeforeEach
  void copyTheBundledGraphData() throws Exception {
    Path bundled = ParsedFilesProperties.bundledGraphData();
    tree = dir.resolve("graph-data");
    try (Stream<Path> files = Files.walk(bundled)) {
      for (Path from : files.sorted(Comparator.naturalOrder()).toList()) {
        Path to = tree.resolve(bundled.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    store = dir.resolve("cache").resolve("graph-data.bin");
    full = GraphDataReader.read(tree, InputLimits.DEFAULT);
  }

  private ParsedFiles warm() throws InvalidInputException {
    ParsedFiles first = ParsedFiles.stored(store);
    GraphDataReader.read(tree, InputLimits.DEFAULT, first);
    assertThat(first.parsed()).isGreaterThan(1000);
    assertThat(store).isRegularFile();
    return first;
  }

  @Test
  void aWarmStoreParsesNothingAndReadsWhatAFullReadReads() throws Exception {
    int files = warm().parsed();

    ParsedFiles next = ParsedFiles.stored(store);
    GraphData read = GraphDataReader.read(tree, InputLimits.DEFAULT, next);

    assertThat(ParsedFilesProperties.differences(read, full)).isEmpty();
    assertThat(next.parsed()).isZero();
    assertThat(next.reused()).isEqualTo(files);
    assertThat(next.storeTrouble()).isFalse();
    assertThat(next.storeStatus()).contains(store.toString()).contains(files + " entries");
  }

  @Test
  void aFileChangedSinceTheStoreWasWrittenIsParsedAgainNotTakenFromTheStore() throws Exception {
    warm();
    Path channel = tree.resolve("channels/stable-4.16.yaml");
    String text = Files.readString(channel).stripTrailing();
    Files.writeString(channel, text.substring(0, text.lastIndexOf('\n') + 1));
    GraphData edited = GraphDataReader.read(tree, InputLimits.DEFAULT);

    ParsedFiles next = ParsedFiles.stored(store);
    GraphData read = GraphDataReader.read(tree, InputLimits.DEFAULT, next);

    assertThat(next.parsed()).isEqualTo(1);
    assertThat(ParsedFilesProperties.differences(read, edited)).isEmpty();
    assertThat(ParsedFilesProperties.differences(read, full)).containsExactly("channels", "revision " + read.revision() + " vs " + full.revision());
  }

  @Test
  void aCorruptStoreIsIgnoredReportedAndRewritten() throws Exception {
    warm();
    byte[] bytes = Files.readAllBytes(store);
    bytes[bytes.length / 2] ^= 0x20;
    Files.write(store, bytes);

    assertIgnoredThenRewritten("does not match its content");
  }

  @Test
  void aTruncatedStoreIsIgnoredReportedAndRewritten() throws Exception {
    warm();
    byte[] bytes = Files.readAllBytes(store);
    Files.write(store, Arrays.copyOf(bytes, bytes.length / 3));

    assertIgnoredThenRewritten("does not match its content");
  }

  @Test
  void anEmptyOrForeignFileIsIgnored() throws Exception {
    Files.createDirectories(store.getParent());
    Files.write(store, new byte[0]);
    assertIgnoredThenRewritten("truncated");

    byte[] body = "not a cache at all".getBytes();
    Files.write(store, withTrailer(body));
    assertIgnoredThenRewritten("not a parse cache");
  }

  @Test
  void aStoreWrittenByAnotherParserIsIgnored() throws Exception {
    warm();
    byte[] bytes = Files.readAllBytes(store);
    byte[] body = Arrays.copyOf(bytes, bytes.length - 32);
    // The code fingerprint follows magic, format and its own length: change one of its hex digits.
    int at = 4 + 4 + 4;
    body[at] = (byte) (body[at] == 'a' ? 'b' : 'a');
    Files.write(store, withTrailer(body));

    assertIgnoredThenRewritten("another version of the parser");
  }

  @Test
  void aStoreThatCannotBeWrittenCostsAParseAndNothingElse() throws Exception {
    Files.writeString(dir.resolve("a-file"), "in the way");
    ParsedFiles blocked = ParsedFiles.stored(dir.resolve("a-file").resolve("graph-data.bin"));

    GraphData read = GraphDataReader.read(tree, InputLimits.DEFAULT, blocked);

    assertThat(ParsedFilesProperties.differences(read, full)).isEmpty();
    assertThat(blocked.storeTrouble()).isTrue();
    assertThat(blocked.storeStatus()).contains("not written");
    // Still a memo in memory: the next reread parses nothing.
    GraphDataReader.read(tree, InputLimits.DEFAULT, blocked);
    assertThat(blocked.parsed()).isZero();
  }

  @Test
  void aFailedReadKeepsTheStoreAsItWas() throws Exception {
    warm();
    byte[] before = Files.readAllBytes(store);
    Files.writeString(tree.resolve("version"), "2");

    ParsedFiles next = ParsedFiles.stored(store);
    try {
      GraphDataReader.read(tree, InputLimits.DEFAULT, next);
    } catch (InvalidInputException expected) {
      // an unsupported layout fails the whole read
    }

    assertThat(Files.readAllBytes(store)).isEqualTo(before);
  }

  @Test
  void theBundledReleasesRoundTripThroughTheStore() throws Exception {
    ReleaseSet plain = BundledData.releases();
    Path releasesStore = dir.resolve("cache").resolve("releases.bin");
    ParsedFiles first = ParsedFiles.stored(releasesStore);
    assertThat(BundledData.releases(first)).isEqualTo(plain);
    assertThat(first.parsed()).isEqualTo(2);

    ParsedFiles next = ParsedFiles.stored(releasesStore);
    ReleaseSet stored = BundledData.releases(next);

    assertThat(next.parsed()).isZero();
    assertThat(next.reused()).isEqualTo(2);
    assertThat(stored).isEqualTo(plain);
    assertThat(stored.releases()).extracting(r -> r.metadata().keySet().stream().toList())
        .isEqualTo(plain.releases().stream().map(r -> r.metadata().keySet().stream().toList()).toList());
  }

  @Test
  void theBundledGraphDataRoundTripsThroughTheStore() throws Exception {
    GraphData plain = BundledData.graphData();
    Path graphStore = dir.resolve("cache").resolve("bundled.bin");
    BundledData.graphData(ParsedFiles.stored(graphStore));

    ParsedFiles next = ParsedFiles.stored(graphStore);
    GraphData stored = BundledData.graphData(next);

    assertThat(next.parsed()).isZero();
    assertThat(ParsedFilesProperties.differences(stored, plain)).isEmpty();
  }

  /** A read on the damaged store: a full read's result, the trouble named, and a good store after it. */
  private void assertIgnoredThenRewritten(String why) throws Exception {
    ParsedFiles damaged = ParsedFiles.stored(store);
    GraphData read = GraphDataReader.read(tree, InputLimits.DEFAULT, damaged);

    assertThat(ParsedFilesProperties.differences(read, full)).isEmpty();
    assertThat(damaged.storeStatus()).contains("ignored").contains(why);
    assertThat(damaged.storeTrouble()).isTrue();
    assertThat(damaged.reused()).isZero();

    ParsedFiles next = ParsedFiles.stored(store);
    GraphDataReader.read(tree, InputLimits.DEFAULT, next);
    assertThat(next.storeTrouble()).isFalse();
    assertThat(next.parsed()).isZero();
  }

  private static byte[] withTrailer(byte[] body) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
    byte[] all = Arrays.copyOf(body, body.length + digest.length);
    System.arraycopy(digest, 0, all, body.length, digest.length);
    return all;
  }

}
