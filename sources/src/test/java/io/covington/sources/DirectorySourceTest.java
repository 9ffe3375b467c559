package io.covington.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graph-data directory's revision: a fingerprint of its files. */
class DirectorySourceTest {

  @TempDir Path dir;

  @Test
  void theFingerprintChangesWithTheFilesAndOnlyThen() throws Exception {
    Path graphData = TestInputs.write(dir).graphData();
    DirectorySource source = new DirectorySource(graphData);

    String first = source.update();
    assertThat(source.update()).isEqualTo(first);

    Files.writeString(graphData.resolve("channels/fast-4.16.yaml"), "name: fast-4.16\nversions:\n- 4.16.1\n");
    assertThat(source.update()).isNotEqualTo(first);
  }}
