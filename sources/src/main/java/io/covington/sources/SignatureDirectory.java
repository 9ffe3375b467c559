package io.covington.sources;

import io.covington.graph.input.InputLimits;
import io.covington.graph.input.ReleaseSignatures;
import io.covington.graph.input.SignatureTreeReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A signatures directory mirrored apart from the graph-data ({@code --signatures-dir}), in the
 * layout {@code sha256/<hex>/signature-<n>}: read with the graph-data on every reload and served
 * with it. Its revision is the fingerprint of its files, as a graph-data directory's; a read during
 * which a file changed is not used ({@link InputsChanging}).
 */
public final class SignatureDirectory implements Source<ReleaseSignatures> {

  private final Path dir;
  private final InputLimits limits;
  private String fingerprint;

  public SignatureDirectory(Path dir, InputLimits limits) {
    this.dir = dir.toAbsolutePath().normalize();
    this.limits = limits;
  }

  @Override
  public String update() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("signatures directory " + dir + " does not exist");
    }
    fingerprint = DirectorySource.fingerprint(dir).digest();
    return fingerprint;
  }

  @Override
  public ReleaseSignatures read() throws IOException {
    ReleaseSignatures read = SignatureTreeReader.read(dir, dir.toString(), limits);
    if (!DirectorySource.fingerprint(dir).digest().equals(fingerprint)) {
      throw new InputsChanging("files of " + dir + " changed while they were read; they are read again shortly",
          DirectorySource.RETRY_AFTER_CHANGE);
    }
    return read;
  }

  @Override
  public String location() {
    return dir.toString();
  }
}
