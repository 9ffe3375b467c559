package io.covington.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.input.InputLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
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
    }

  @Test
  void aCopyThatKeepsSizeAndModificationTimeStillChangesTheFingerprint() throws Exception {
    Path graphData = TestInputs.write(dir).graphData();
    Path channel = graphData.resolve("channels/stable-4.16.yaml");
    DirectorySource source = new DirectorySource(graphData);
    String first = source.update();

    // As cp -p or rsync -t leave it: other bytes, same length, the old modification time.
    FileTime modified = Files.getLastModifiedTime(channel);
    String text = Files.readString(channel);
    Thread.sleep(20);
    Files.writeString(channel, text.replace("4.16.1", "4.16.9"));
    Files.setLastModifiedTime(channel, modified);
    assertThat(Files.size(channel)).isEqualTo(text.length());
    assertThat(source.update()).isNotEqualTo(first);
  }

  @Test
  void aFileMadeUnreadableChangesTheFingerprintSoTheNextReloadNoticesIt() throws Exception {
    Path graphData = TestInputs.write(dir).graphData();
    DirectorySource source = new DirectorySource(graphData);
    String first = source.update();

    Thread.sleep(20);
    Files.setPosixFilePermissions(graphData.resolve("channels/stable-4.16.yaml"), PosixFilePermissions.fromString("---------"));
    assertThat(source.update()).isNotEqualTo(first);
  }

  @Test
  void filesWithChangeTimesInTheFutureAreReadAfterOneQuietPeriodNotNever() throws Exception {
    Path graphData = TestInputs.write(dir).graphData();
    // As copied from a machine whose clock is a day ahead, or after this one's was set back.
    FileTime tomorrow = FileTime.from(Instant.now().plus(Duration.ofDays(1)));
    try (Stream<Path> files = Files.walk(graphData)) {
      for (Path p : files.toList()) {
        Files.setLastModifiedTime(p, tomorrow);
      }
    }
    DirectorySource source = new DirectorySource(graphData, Duration.ofMillis(300), InputLimits.DEFAULT);

    assertThatThrownBy(source::update).isInstanceOf(InputsChanging.class).hasMessageContaining("in the future");
    Await.until(Duration.ofSeconds(5), "read once quiet", () -> {
      try {
        source.update();
        return true;
      } catch (InputsChanging e) {
        return false;
      }
    });
    assertThat(source.read().channels()).isNotEmpty();
  }
}
