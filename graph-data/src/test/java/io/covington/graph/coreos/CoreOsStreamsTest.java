package io.covington.graph.coreos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreOsStreamsTest {

  private static final String UPDATES = "{\"stream\": \"%s\", \"releases\": []}";
  private static final String RELEASES =
      "{\"stream\": \"%s\", \"releases\": [{\"version\": \"1\", \"metadata\": \"u\","
          + " \"commits\": [{\"architecture\": \"x86_64\", \"checksum\": \"c1\"}]}]}";

  @Test
  void loadsTheBundledStreams() {
    CoreOsSnapshot snapshot = CoreOsStreams.loadBundled();

    assertThat(snapshot.problems()).isEmpty();
    assertThat(snapshot.streams()).containsExactly("next", "stable", "testing");
    assertThat(snapshot.basearches("stable")).containsExactly("aarch64", "ppc64le", "s390x", "x86_64");
    assertThat(snapshot.graph("stable", "x86_64", Scheme.CHECKSUM)).isPresent();
    assertThat(snapshot.graph("stable", "riscv64", Scheme.CHECKSUM)).isEmpty();
    assertThat(snapshot.graph("rawhide", "x86_64", Scheme.CHECKSUM)).isEmpty();
    assertThat(snapshot.basearches("rawhide")).isEmpty();
    assertThat(CoreOsSnapshot.empty().streams()).isEmpty();
  }

  @Test
  void loadsTheBundledStreamsFromInsideAJar(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("bundled.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String stream : CoreOsStreams.BUNDLED_STREAMS) {
        for (String file : new String[] {"releases.json", "updates.json"}) {
          String path = CoreOsStreams.BUNDLED_ROOT + stream + "/" + file;
          out.putNextEntry(new JarEntry(path));
          try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }

    // No parent: the resources can only come from the jar.
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      CoreOsSnapshot snapshot = CoreOsStreams.loadBundled(loader);

      assertThat(snapshot.streams()).containsExactly("next", "stable", "testing");
      assertThat(snapshot.graph("next", "aarch64", Scheme.OCI).orElseThrow().nodes()).isNotEmpty();
    }
  }

  @Test
  void aClassLoaderWithoutTheBundledDataIsAPackagingBug() throws IOException {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThatThrownBy(() -> CoreOsStreams.loadBundled(empty))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("releases.json");
    }
  }

  @Test
  void skipsAndReportsBadStreamsOfADirectory(@TempDir Path dir) throws Exception {
    write(dir.resolve("good/releases.json"), RELEASES.formatted("good"));
    write(dir.resolve("good/updates.json"), UPDATES.formatted("good"));
    write(dir.resolve("broken/releases.json"), "{\"stream\": \"broken\",\n \"releases\": [\n}");
    write(dir.resolve("broken/updates.json"), UPDATES.formatted("broken"));
    write(dir.resolve("lonely/releases.json"), RELEASES.formatted("lonely"));
    write(dir.resolve("renamed/releases.json"), RELEASES.formatted("stable"));
    write(dir.resolve("renamed/updates.json"), UPDATES.formatted("renamed"));
    write(dir.resolve("not-a-stream.txt"), "ignored");

    CoreOsSnapshot snapshot = CoreOsStreams.loadDirectory(dir);

    assertThat(snapshot.streams()).containsExactly("good");
    assertThat(snapshot.graph("good", "x86_64", Scheme.CHECKSUM).orElseThrow().nodes()).hasSize(1);
    assertThat(snapshot.graph("good", "x86_64", Scheme.OCI).orElseThrow().nodes()).isEmpty();
    assertThat(snapshot.problems()).hasSize(3);
    assertThat(snapshot.problems())
        .anySatisfy(
            p -> {
              assertThat(p.source()).isEqualTo(dir.resolve("broken/releases.json").toString());
              assertThat(p.kind()).isEqualTo("invalid_json");
              assertThat(p.line()).isEqualTo(OptionalInt.of(3));
            })
        .anySatisfy(
            p -> {
              assertThat(p.source()).isEqualTo(dir.resolve("lonely/updates.json").toString());
              assertThat(p.kind()).isEqualTo("missing_file");
            })
        .anySatisfy(
            p -> {
              assertThat(p.source()).isEqualTo(dir.resolve("renamed/releases.json").toString());
              assertThat(p.kind()).isEqualTo("stream_mismatch");
            });
    assertThat(snapshot.problems()).extracting(LoadProblem::toString).allMatch(s -> s.startsWith(dir.toString()));
  }

  @Test
  void aMissingDirectoryIsAnInvalidInput(@TempDir Path dir) {
    assertThatThrownBy(() -> CoreOsStreams.loadDirectory(dir.resolve("absent")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("absent");
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }
}
