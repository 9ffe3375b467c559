package io.covington.sources.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.sources.archive.Untar;
import io.covington.sources.registry.TestImages.Entry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking graph-data layers: only inside the target, no links, whiteouts applied. */
class LayerUnpackerTest {

  @TempDir Path dir;

  private static InputStream layer(Entry... entries) throws IOException {
    return LayerSearch.decompressed(new ByteArrayInputStream(TestImages.layer(List.of(entries)).gzipped()));
  }

  /** Image layers unpack as the graph-data image unpacks them: links left out, whiteouts applied. */
  private static Untar unpacker(Path target, long maxBytes) {
    return new Untar(target, new Untar.Budget(maxBytes, 1000), Untar.Special.SKIP, true);
  }

  @Test
  void refusesAnEntryThatClimbsOutOfTheTarget() throws IOException {
    Path target = Files.createDirectories(dir.resolve("target"));
    Untar unpacker = unpacker(target, 1 << 20);

    assertThatThrownBy(() -> unpacker.unpack(layer(Entry.file("data/../../outside.txt", "x"))))
        .isInstanceOf(IOException.class).hasMessageContaining("outside the unpack directory");
    assertThat(dir.resolve("outside.txt")).doesNotExist();
  }

  @Test
  void writesAbsoluteNamesInsideTheTarget() throws IOException {
    Path target = Files.createDirectories(dir.resolve("target"));

    unpacker(target, 1 << 20).unpack(layer(Entry.file("/etc/graph/version", "1.0.0")));

    assertThat(target.resolve("etc/graph/version")).hasContent("1.0.0");
  }

  @Test
  void leavesOutSymbolicAndHardLinks() throws IOException {
    Path target = Files.createDirectories(dir.resolve("target"));
    Files.writeString(dir.resolve("secret"), "secret");
    Untar unpacker = unpacker(target, 1 << 20);

    unpacker.unpack(layer(
        Entry.symlink("data/link", dir.resolve("secret").toString()),
        Entry.hardlink("data/hard", "../secret"),
        Entry.symlink("data", "/"),
        Entry.file("data/channels/a.yaml", "name: a\n")));

    assertThat(target.resolve("data/link")).doesNotExist();
    assertThat(target.resolve("data/hard")).doesNotExist();
    assertThat(Files.isSymbolicLink(target.resolve("data"))).isFalse();
    assertThat(target.resolve("data/channels/a.yaml")).hasContent("name: a\n");
    assertThat(unpacker.skipped()).hasSize(3);
  }

  @Test
  void appliesWhiteoutsOfUpperLayers() throws IOException {
    Path target = Files.createDirectories(dir.resolve("target"));
    Untar unpacker = unpacker(target, 1 << 20);

    unpacker.unpack(layer(Entry.file("g/channels/a.yaml", "a"), Entry.file("g/channels/b.yaml", "b"),
        Entry.file("g/blocked-edges/x.yaml", "x")));
    unpacker.unpack(layer(Entry.file("g/channels/.wh.a.yaml", ""), Entry.file("g/blocked-edges/.wh..wh..opq", ""),
        Entry.file("g/blocked-edges/y.yaml", "y")));

    assertThat(target.resolve("g/channels/a.yaml")).doesNotExist();
    assertThat(target.resolve("g/channels/b.yaml")).hasContent("b");
    assertThat(target.resolve("g/blocked-edges/x.yaml")).doesNotExist();
    assertThat(target.resolve("g/blocked-edges/y.yaml")).hasContent("y");
  }

  @Test
  void stopsATarBomb() {
    Path target = dir.resolve("target");
    Untar unpacker = unpacker(target, 10);

    assertThatThrownBy(() -> unpacker.unpack(layer(Entry.file("big", "x".repeat(11)))))
        .isInstanceOf(IOException.class).hasMessageContaining("more than 10 bytes");
  }

  @Test
  void findsTheShallowestGraphDataFolder() throws IOException {
    Files.createDirectories(dir.resolve("a/b/deep/channels"));
    Files.writeString(dir.resolve("a/b/deep/version"), "1.0.0");
    Files.createDirectories(dir.resolve("z/channels"));
    Files.writeString(dir.resolve("z/version"), "1.0.0");
    Files.createDirectories(dir.resolve("y/channels"));

    assertThat(GraphDataImage.graphDataFolder(dir)).contains(dir.resolve("z"));
  }
}
