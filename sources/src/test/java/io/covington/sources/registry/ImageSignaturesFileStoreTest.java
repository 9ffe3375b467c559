package io.covington.sources.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.signature.Gpg;
import io.covington.graph.signature.Keyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code file:} signature store: the graph-data image is checked against signatures on disk, in
 * the store layout ({@code sha256=<hex>/signature-<n>}) or in the {@code --signatures-dir} tree
 * ({@code sha256/<hex>/signature-<n>}), made with real gpg.
 */
class ImageSignaturesFileStoreTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final String REFERENCE = "mirror.example/openshift/graph-data";

  private static Gpg gpg;
  private static String siteKey;
  private static String otherKey;

  @TempDir Path dir;

  @BeforeAll
  static void keys() {
    gpg = Gpg.start();
    siteKey = gpg.newKey("Site <site@example.com>", "0", null);
    otherKey = gpg.newKey("Other <other@example.com>", "0", null);
  }

  @AfterAll
  static void stop() {
    gpg.close();
  }

  private ImageSignatures store(Path root) throws Exception {
    Path key = dir.resolve("site.asc");
    Files.write(key, gpg.exportArmored(siteKey));
    return new ImageSignatures(Keyring.read(List.of(key)), root.toUri(), SSLContext.getDefault());
  }

  @Test
  void verifiesASignatureInTheSignaturesDirTree() throws Exception {
    Path root = Files.createDirectories(dir.resolve("signatures"));
    Path folder = Files.createDirectories(root.resolve("sha256").resolve("ab".repeat(32)));
    Files.write(folder.resolve("signature-1"), gpg.signDigest(otherKey, DIGEST, REFERENCE, null));
    Files.write(folder.resolve("signature-2"), gpg.signDigest(siteKey, DIGEST, REFERENCE, null));

    ImageSignatures.Outcome outcome = store(root).check(DIGEST);

    assertThat(outcome.isVerified()).as(outcome.refusals().toString()).isTrue();
    assertThat(outcome.url().toString()).endsWith("/sha256/" + "ab".repeat(32) + "/signature-2");
    assertThat(outcome.refusals()).singleElement().asString().contains("signature-1");
  }

  @Test
  void verifiesASignatureInTheStoreLayout() throws Exception {
    Path root = Files.createDirectories(dir.resolve("store"));
    Path folder = Files.createDirectories(root.resolve(DIGEST.replace(':', '=')));
    Files.write(folder.resolve("signature-1"), gpg.signDigest(siteKey, DIGEST, REFERENCE, null));

    assertThat(store(root).check(DIGEST).isVerified()).isTrue();
  }

  @Test
  void refusesAnUnsignedOrWronglySignedImageNamingTheFiles() throws Exception {
    Path root = Files.createDirectories(dir.resolve("signatures"));
    ImageSignatures.Outcome unsigned = store(root).check(DIGEST);
    assertThat(unsigned.isVerified()).isFalse();
    assertThat(unsigned.refusals()).singleElement().asString().contains("no signature of " + DIGEST);

    Path folder = Files.createDirectories(root.resolve("sha256").resolve("ab".repeat(32)));
    Files.write(folder.resolve("signature-1"), gpg.signDigest(otherKey, DIGEST, REFERENCE, null));
    byte[] tampered = gpg.signDigest(siteKey, DIGEST, REFERENCE, null);
    tampered[tampered.length / 2] ^= 1;
    Files.write(folder.resolve("signature-2"), tampered);
    Files.write(folder.resolve("signature-3"), gpg.signDigest(siteKey, "sha256:" + "cd".repeat(32), REFERENCE, null));

    ImageSignatures.Outcome refused = store(root).check(DIGEST);

    assertThat(refused.isVerified()).isFalse();
    assertThat(refused.refusals()).hasSize(3);
    assertThat(refused.refusals().get(0)).contains("signature-1");
    assertThat(refused.refusals().get(1)).contains("signature-2");
    assertThat(refused.refusals().get(2)).contains("signature-3");
  }
}
