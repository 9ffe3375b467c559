package io.covington.graph.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.TestFiles;
import io.covington.graph.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real signatures against real keys: the reference's fixture with its test key, and signatures made
 * here with gpg for release digests, each way a signature can be wrong refused with why.
 */
class SignatureVerifierTest {

  /** The digest the corpus fixture signs (its message.json). */
  static final String FIXTURE_DIGEST = "sha256:d33abd703ea76813f8dbd9518ff46d3f95ac23f364f5b6417d9fa2593aa72a1a";
  static final String RELEASE = "sha256:" + "ab".repeat(32);
  static final String OTHER = "sha256:" + "cd".repeat(32);
  private static final Instant NOW = Instant.now();

  private static Gpg gpg;
  private static String releaseKey;
  private static String strangerKey;
  private static String expiredKey;
  private static SignatureVerifier verifier;

  @BeforeAll
  static void keys() throws Exception {
    gpg = Gpg.start();
    releaseKey = gpg.newKey("Release Engineering <release@example.com>", "0", null);
    strangerKey = gpg.newKey("Someone Else <someone@example.com>", "0", null);
    // Made and used in 2020, valid for a day: expired long since.
    expiredKey = gpg.newKey("Old Key <old@example.com>", "1d", "20200101T000000");
    // A keyring directory as an operator makes one: an armored and a binary key file.
    Path keys = Files.createTempDirectory("keyring-");
    Files.write(keys.resolve("release.asc"), gpg.exportArmored(releaseKey));
    Files.write(keys.resolve("old.gpg"), gpg.export(expiredKey));
    verifier = new SignatureVerifier(Keyring.read(List.of(keys)));
    Files.delete(keys.resolve("release.asc"));
    Files.delete(keys.resolve("old.gpg"));
    Files.delete(keys);
  }

  @AfterAll
  static void stop() {
    gpg.close();
  }

  @Test
  void theReferenceFixtureVerifiesWithItsTestKey() throws Exception {
    Keyring testKey = Keyring.read(List.of(TestFiles.corpus("signatures/test-key.asc")));
    byte[] signature = Files.readAllBytes(TestFiles.corpus("signatures/signature-3"));

    SignatureCheck check = new SignatureVerifier(testKey).check(signature, FIXTURE_DIGEST, NOW);

    assertThat(check).isInstanceOf(SignatureCheck.Verified.class);
    SignatureCheck.Verified verified = (SignatureCheck.Verified) check;
    assertThat(verified.keyId()).isEqualTo("C21DE04A3350BF4D");
    assertThat(verified.identity()).startsWith("quay.io/openshift-ota/cincinnati-ci-public:cincinnati-graph-data_6420f7fb");
    assertThat(new SignatureVerifier(testKey).check(signature, RELEASE, NOW))
        .isEqualTo(new SignatureCheck.Refused("the signature by key C21DE04A3350BF4D verifies, but it signs "
            + FIXTURE_DIGEST + ", not " + RELEASE));
  }

  @Test
  void aSignatureMadeWithGpgForAReleaseDigestVerifies() {
    SignatureCheck check = verifier.check(gpg.signDigest(releaseKey, RELEASE, "quay.io/openshift-release-dev/ocp-release:4.16.3-x86_64", null),
        RELEASE, NOW);

    assertThat(check.verified()).as(check.toString()).isTrue();
    assertThat(((SignatureCheck.Verified) check).signer()).isEqualTo("Release Engineering <release@example.com>");
  }

  @Test
  void anArmoredSignedMessageVerifiesToo() {
    SignatureCheck check = verifier.check(gpg.signArmored(releaseKey, Gpg.claim(RELEASE, "r")), RELEASE, NOW);

    assertThat(check.verified()).as(check.toString()).isTrue();
  }

  @Test
  void aTamperedByteIsRefused() {
    byte[] signature = gpg.sign(releaseKey, Gpg.claim(RELEASE, "r"), null);
    // gpg compresses: flip a byte inside the compressed packet, which changes the signed content or the signature.
    for (int at : new int[] {signature.length / 2, signature.length - 5}) {
      byte[] tampered = signature.clone();
      tampered[at] ^= 0x01;

      SignatureCheck check = verifier.check(tampered, RELEASE, NOW);

      assertThat(check.verified()).as("byte %d flipped", at).isFalse();
      assertThat(((SignatureCheck.Refused) check).reason()).containsAnyOf("does not verify", "not a valid OpenPGP");
    }
  }

  @Test
  void aSignatureOfAnotherDigestIsRefused() {
    SignatureCheck check = verifier.check(gpg.signDigest(releaseKey, OTHER, "r", null), RELEASE, NOW);

    assertThat(check).isEqualTo(new SignatureCheck.Refused(
        "the signature by key " + keyIdOf(releaseKey) + " verifies, but it signs " + OTHER + ", not " + RELEASE));
  }

  @Test
  void aSignatureByAKeyNotInTheKeyringIsRefused() {
    SignatureCheck check = verifier.check(gpg.signDigest(strangerKey, RELEASE, "r", null), RELEASE, NOW);

    assertThat(check).isEqualTo(new SignatureCheck.Refused("signed by key " + keyIdOf(strangerKey) + ", which is not in the keyring"));
  }

  @Test
  void aSignatureByAnExpiredKeyIsRefused() {
    byte[] signature = gpg.signDigest(expiredKey, RELEASE, "r", "20200101T120000");

    SignatureCheck check = verifier.check(signature, RELEASE, NOW);

    assertThat(check).isInstanceOf(SignatureCheck.Refused.class);
    assertThat(((SignatureCheck.Refused) check).reason()).matches("key [0-9A-F]{16} \\(of the signature by [0-9A-F]{16}\\) expired on 2020-01-0.*");
    assertThat(verifier.check(signature, RELEASE, Instant.parse("2020-01-01T18:00:00Z")).verified())
        .as("the same signature while the key was valid").isTrue();
  }

  @Test
  void aSignedMessageThatIsNotAContainerSignatureIsRefused() {
    SignatureCheck check = verifier.check(gpg.sign(releaseKey, "{\"critical\":{\"type\":\"something else\"}}", null), RELEASE, NOW);

    assertThat(((SignatureCheck.Refused) check).reason()).contains("is not an \"atomic container signature\"");
    assertThat(verifier.check("not a signature".getBytes(), RELEASE, NOW).verified()).isFalse();
    assertThat(verifier.check(new byte[0], RELEASE, NOW).verified()).isFalse();
  }

  @Test
  void theRealRedHatKeysLoad() throws Exception {
    Keyring redHat = Keyring.read(List.of(TestFiles.corpus("signatures/public-keys")));

    assertThat(redHat.sources()).hasSize(3);
    assertThat(redHat.describe()).anyMatch(line -> line.startsWith("199E2F91FD431D51 Red Hat, Inc. (release key 2)"));
    assertThat(redHat.size()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aKeyringFileThatHoldsNoKeyIsNamed(@TempDir Path dir) throws Exception {
    Path bad = TestFiles.write(dir, "keys/not-a-key.asc", "hello\n");
    Files.write(dir.resolve("keys/release.gpg"), gpg.export(releaseKey));

    assertThatThrownBy(() -> Keyring.read(List.of(dir.resolve("keys"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(bad.toString())
        .hasMessageContaining("not an OpenPGP public key");
    assertThatThrownBy(() -> Keyring.read(List.of(dir.resolve("missing.asc"))))
        .hasMessageContaining("missing.asc").hasMessageContaining("cannot read the key file");
    Files.delete(bad);
    assertThat(Keyring.read(List.of(dir.resolve("keys"))).size()).isEqualTo(1);
  }

  private static String keyIdOf(String fingerprint) {
    return fingerprint.substring(fingerprint.length() - 16);
  }
}
