package io.covington.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are, seen from the deploy module's tests. */
final class Paths {

  private Paths() {}

  /** The repository root: surefire runs in the module's directory, deploy/. */
  static Path root() {
    Path module = Path.of("").toAbsolutePath();
    Path root = module.getParent();
    if (root == null || !Files.isRegularFile(root.resolve("deploy/Containerfile"))) {
      throw new IllegalStateException("run the deploy tests from the deploy module (found " + module + ")");
    }
    return root;
  }

  static Path deploy() {
    return root().resolve("deploy");
  }

  static Path k8s() {
    return deploy().resolve("k8s");
  }
}
