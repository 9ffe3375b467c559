package io.covington.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.TestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The signature flags are checked before anything starts, each refusal naming the flag and the file. */
class SignatureFlagsTest {

  @TempDir Path dir;

  private static ServeSettings validate(String... args) {
    CovingtonCommand command = new CovingtonCommand();
    new CommandLine(command).parseArgs(args);
    return command.validate();
  }

  @Test
  void aKeyringThatIsNoKeyIsRefusedNamingTheFlagAndTheFile() {
    Path bad = TestFiles.write(dir, "keys.asc", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot base64\n");

    assertThatThrownBy(() -> validate("--release-keyring", bad.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageStartingWith("--release-keyring: " + bad)
        .hasMessageContaining("not an OpenPGP public key");
    assertThatThrownBy(() -> validate("--release-keyring", dir.resolve("absent.asc").toString()))
        .hasMessageContaining("absent.asc").hasMessageContaining("cannot read the key file");
  }

  /** A file of graph-data's test corpus (in its test jar here), copied to {@code dir}. */
  private Path corpus(String relative) throws IOException {
    try (InputStream in = TestFiles.class.getResourceAsStream("/corpus/" + relative)) {
      Path file = dir.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.write(file, in.readAllBytes());
      return file;
    }
  }

  @Test
  void theRealRedHatKeysAreAcceptedAsAKeyringDirectory() throws IOException {
    for (String key : List.of("redhat-beta-2", "redhat-release", "redhat-release-auxiliary")) {
      corpus("signatures/public-keys/verifier-public-key-" + key);
    }
    ServeSettings settings = validate("--release-keyring", dir.resolve("signatures/public-keys").toString());

    assertThat(settings.openshift().signing().releaseKeyring()).hasValueSatisfying(k -> assertThat(k.size()).isEqualTo(3));
  }

  @Test
  void aGraphDataKeyringNeedsAnImageAndTheStoreMustBeAUrl() throws IOException {
    String keys = corpus("signatures/test-key.asc").toString();

    assertThatThrownBy(() -> validate("--graph-data-keyring", keys))
        .hasMessage("--graph-data-keyring verifies a --graph-data-image: give one");
    assertThatThrownBy(() -> validate("--graph-data-image", "mirror.example:5000/openshift/graph-image:latest",
        "--graph-data-keyring", keys, "--graph-data-signature-store", "mirror.example/signatures"))
        .hasMessageContaining("--graph-data-signature-store must be an http(s) URL");
    assertThatThrownBy(() -> validate("--signatures-dir", dir.resolve("none").toString()))
        .hasMessageContaining("--signatures-dir").hasMessageContaining("is not a directory");
  }

  @Test
  void theStoreMayBeALocalDirectoryGivenAsAFileUrl() throws IOException {
    String keys = corpus("signatures/test-key.asc").toString();
    String image = "mirror.example:5000/openshift/graph-image:latest";

    assertThatThrownBy(() -> validate("--graph-data-image", image, "--graph-data-keyring", keys,
        "--graph-data-signature-store", dir.resolve("none").toUri().toString()))
        .hasMessageContaining("--graph-data-signature-store " + dir.resolve("none").toUri()).hasMessageContaining("is not a directory");
    ServeSettings settings = validate("--graph-data-image", image, "--graph-data-keyring", keys,
        "--graph-data-signature-store", dir.toUri().toString());
    assertThat(settings.openshift().signing().graphDataImage()).hasValueSatisfying(v -> assertThat(v.store()).isEqualTo(dir.toUri()));
  }
}
