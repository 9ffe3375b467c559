package io.covington.sources.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.MemoryTempDir;
import io.covington.graph.input.Channel;
import io.covington.graph.input.GraphData;
import io.covington.sources.EarlierRevision;
import io.covington.sources.TestInputs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git source on its own: a fixed revision, one tree per commit, an unknown branch, an unreachable remote. */
class GitSourceTest {

  @TempDir(factory = MemoryTempDir.class) Path dir;

  @Test
  void staysOnAFixedRevisionWhileTheBranchMovesOn() throws Exception {
    try (GitFixture repo = GitFixture.create(dir.resolve("git"))) {
      TestInputs.copyTree(TestInputs.write(dir).graphData(), repo.work);
      String first = repo.commitAll("First");
      Files.delete(repo.work.resolve("channels/fast-4.16.yaml"));
      String second = repo.commitAll("Second");

      GitSource pinned = new GitSource(repo.fileUrl(), "master", Optional.of(first), dir.resolve("pinned"), GitCredentials.none());
      GitSource following = new GitSource(repo.fileUrl(), "master", Optional.empty(), dir.resolve("following"), GitCredentials.none());

      assertThat(pinned.update()).isEqualTo(first);
      assertThat(pinned.read().channels()).extracting(Channel::name).containsExactly("fast-4.16", "stable-4.16");
      assertThat(pinned.read().revision()).isEqualTo(first);
      assertThat(following.update()).isEqualTo(second);
      assertThat(following.read().channels()).extracting(Channel::name).containsExactly("stable-4.16");
      try (Stream<Path> trees = Files.list(dir.resolve("following/trees"))) {
        assertThat(trees).extracting(p -> p.getFileName().toString()).containsExactly(second);
      }
      pinned.close();
      following.close();
    }
  }

  @Test
  void readsTheReleaseSignaturesOfTheCommitAndTheirChanges() throws Exception {
    try (GitFixture repo = GitFixture.create(dir.resolve("git"))) {
      TestInputs.copyTree(TestInputs.write(dir).graphData(), repo.work);
      Path signature = repo.work.resolve("signatures/sha256/" + "cd".repeat(32) + "/signature-1");
      Files.createDirectories(signature.getParent());
      byte[] bytes = {(byte) 0xa3, 0x01, 0x00, (byte) 0x90, 0x0d};
      Files.write(signature, bytes);
      repo.commitAll("Signed");
      GitSource source = new GitSource(repo.fileUrl(), "master", Optional.empty(), dir.resolve("cache"), GitCredentials.none());

      source.update();
      assertThat(source.read().signatures().files()).singleElement()
          .satisfies(f -> assertThat(f.bytes()).isEqualTo(bytes));
      Files.write(signature.resolveSibling("signature-2"), bytes);
      repo.commitAll("Second signature");
      source.update();
      assertThat(source.read().signatures().files()).extracting(f -> f.number()).containsExactly(1, 2);
      source.close();
    }
  }

  @Test
  void readsTheCommitsBeforeTheOneCheckedOutOldestFirstAndLeavesNoTreeBehind() throws Exception {
    try (GitFixture repo = GitFixture.create(dir.resolve("git"))) {
      TestInputs.copyTree(TestInputs.write(dir).graphData(), repo.work);
      String first = repo.commitAll("First");
      Files.delete(repo.work.resolve("channels/fast-4.16.yaml"));
      String second = repo.commitAll("Second");
      Files.writeString(repo.work.resolve("channels/fast-4.16.yaml"), "name: fast-4.16\nversions:\n- 4.16.0\n");
      String third = repo.commitAll("Third");
      GitSource source = new GitSource(repo.fileUrl(), "master", Optional.empty(), dir.resolve("cache"), GitCredentials.none());
      assertThat(source.earlier(5)).as("before any update").isEmpty();
      assertThat(source.update()).isEqualTo(third);
      List<EarlierRevision<GraphData>> earlier = source.earlier(5);
      assertThat(earlier).extracting(EarlierRevision::revision).containsExactly(first, second);
      assertThat(earlier.get(0).data().revision()).isEqualTo(first);
      assertThat(earlier.get(1).data().channels()).extracting(Channel::name).containsExactly("stable-4.16");
      assertThat(source.earlier(1)).extracting(EarlierRevision::revision).containsExactly(second);
      try (Stream<Path> trees = Files.list(dir.resolve("cache/history"))) {
        assertThat(trees).isEmpty();
      }
      assertThat(source.read().revision()).as("the served tree is untouched").isEqualTo(third);
      source.close();
    }
  }

  @Test
  void anUnknownBranchIsASourceErrorNamingIt() throws Exception {
    try (GitFixture repo = GitFixture.create(dir.resolve("git"))) {
      TestInputs.copyTree(TestInputs.write(dir).graphData(), repo.work);
      repo.commitAll("First");
      GitSource source = new GitSource(repo.fileUrl(), "main", Optional.empty(), dir.resolve("cache"), GitCredentials.none());

      assertThatThrownBy(source::update).isInstanceOf(IOException.class).hasMessageContaining("refs/heads/main");
      source.close();
    }
  }

  @Test
  void anUnreachableRemoteIsNamedWithItsUrlAndTheCause() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String refused = "http://127.0.0.1:" + closed + "/graph-data.git";
    String unknown = "https://git.covington.invalid/graph-data.git";
    GitSource toRefused = new GitSource(refused, "master", Optional.empty(), dir.resolve("refused"), GitCredentials.none());
    GitSource toUnknown = new GitSource(unknown, "master", Optional.empty(), dir.resolve("unknown"), GitCredentials.none());

    assertThatThrownBy(toRefused::update).isInstanceOf(IOException.class)
        .hasMessageStartingWith("fetching " + refused + " failed: ")
        .hasMessageContaining("connection refused by 127.0.0.1:" + closed)
        .hasMessageNotContaining("null");
    assertThatThrownBy(toUnknown::update).isInstanceOf(IOException.class)
        .hasMessageStartingWith("fetching " + unknown + " failed: ")
        .hasMessageContaining("git.covington.invalid")
        .hasMessageNotContaining("null");
    toRefused.close();
    toUnknown.close();
  }
}
