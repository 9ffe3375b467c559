package io.covington.graph.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.TestFiles;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.SignatureFile;
import io.covington.graph.input.SignatureTreeReader;
import io.covington.graph.validate.GraphDataValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graph-data's {@code signatures/} tree, read and checked as a snapshot serves it. */
class SignatureStoreTest {

  private static final String HEX = "ab".repeat(32);
  private static final String DIGEST = "sha256:" + HEX;
  private static Gpg gpg;
  private static String key;
  private static String stranger;

  @TempDir Path dir;

  @BeforeAll
  static void keys() {
    gpg = Gpg.start();
    key = gpg.newKey("Release <release@example.com>", "0", null);
    stranger = gpg.newKey("Stranger <stranger@example.com>", "0", null);
  }

  @AfterAll
  static void stop() {
    gpg.close();
  }

  @Test
  void servesTheVerifiedSignaturesNumberedWithoutGapsAndReportsTheRefusedOnes() throws Exception {
    Path data = TestFiles.graphData(dir.resolve("graph-data"));
    byte[] good1 = gpg.signDigest(key, DIGEST, "r", null);
    byte[] good3 = gpg.signDigest(key, DIGEST, "r2", null);
    write(data, "signatures/sha256/" + HEX + "/signature-1", good1);
    write(data, "signatures/sha256/" + HEX + "/signature-2", gpg.signDigest(stranger, DIGEST, "r", null));
    write(data, "signatures/sha256/" + HEX + "/signature-3", good3);
    write(data, "signatures/sha256/" + HEX + "/notes.txt", "x".getBytes());
    write(data, "signatures/sha512/" + HEX + "/signature-1", good1);
    Path keyFile = Files.write(dir.resolve("release.asc"), gpg.exportArmored(key));

    GraphData read = GraphDataReader.read(data);
    SignatureStore store = SignatureStore.of(read.signatures(),
        Optional.of(new SignatureVerifier(Keyring.read(List.of(keyFile)))), Instant.now());

    assertThat(read.signatures().files()).extracting(SignatureFile::number).containsExactly(1, 2, 3);
    assertThat(read.problems()).extracting(LoadProblem::source)
        .containsExactly("signatures/sha256/" + HEX + "/notes.txt", "signatures/sha512");
    assertThat(read.problems()).extracting(LoadProblem::kind).containsOnly(SignatureTreeReader.PROBLEM_KIND);
    assertThat(GraphDataValidator.publicationErrors(read)).as("a stray signature file does not hold graph-data back")
        .noneMatch(f -> f.problem().kind().equals(SignatureTreeReader.PROBLEM_KIND));
    assertThat(store.signature(DIGEST, 1).map(SignatureFile::bytes)).contains(good1);
    assertThat(store.signature(DIGEST, 2).map(SignatureFile::bytes)).as("signature-3 moves up").contains(good3);
    assertThat(store.signature(DIGEST, 3)).isEmpty();
    assertThat(store.state(DIGEST)).isEqualTo(SignatureStore.State.VERIFIED);
    assertThat(store.state("sha256:" + "cd".repeat(32))).isEqualTo(SignatureStore.State.NONE);
    assertThat(store.refused()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo("signatures/sha256/" + HEX + "/signature-2");
      assertThat(p.kind()).isEqualTo("signature_refused");
      assertThat(p.message()).contains("not in the keyring");
    });
  }

  @Test
  void withoutAKeyringEveryFileIsServedUnverifiedAndAChangeChangesTheRevision() throws Exception {
    Path data = TestFiles.graphData(dir.resolve("graph-data"));
    String before = GraphDataReader.read(data).revision();
    write(data, "signatures/sha256/" + HEX + "/signature-1", "anything".getBytes());

    GraphData read = GraphDataReader.read(data);
    SignatureStore store = SignatureStore.of(read.signatures(), Optional.empty(), Instant.now());

    assertThat(read.revision()).isNotEqualTo(before);
    assertThat(store.state(DIGEST)).isEqualTo(SignatureStore.State.UNVERIFIED);
    assertThat(store.signature(DIGEST, 1).map(SignatureFile::bytes)).contains("anything".getBytes());
    assertThat(store.refused()).isEmpty();
  }

  @Test
  void aDigestWhoseEverySignatureIsRefusedServesNone() throws Exception {
    Path data = TestFiles.graphData(dir.resolve("graph-data"));
    write(data, "signatures/sha256/" + HEX + "/signature-1", gpg.signDigest(key, "sha256:" + "cd".repeat(32), "r", null));
    Path keyFile = Files.write(dir.resolve("release.gpg"), gpg.export(key));

    SignatureStore store = SignatureStore.of(GraphDataReader.read(data).signatures(),
        Optional.of(new SignatureVerifier(Keyring.read(List.of(keyFile)))), Instant.now());

    assertThat(store.state(DIGEST)).isEqualTo(SignatureStore.State.REFUSED);
    assertThat(store.signature(DIGEST, 1)).isEmpty();
    assertThat(store.refused().get(0).message()).contains("it signs sha256:cdcd");
  }

  private static void write(Path root, String relative, byte[] bytes) throws Exception {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }
}
