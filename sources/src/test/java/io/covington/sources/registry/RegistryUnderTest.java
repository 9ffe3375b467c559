package io.covington.sources.registry;

import java.nio.file.Path;
import java.util.List;

/**
 * A real distribution registry started for a test class, and the stand-in in front of it that
 * counts blob downloads and can corrupt a blob or refuse to list tags.
 *
 * @param registry the registry, pushed to directly
 * @param standIn what the code under test reads from
 */
public record RegistryUnderTest(DistributionRegistry registry, RegistryStandIn standIn) implements AutoCloseable {

  public static RegistryUnderTest start(Path dir) throws Exception {
    DistributionRegistry registry = DistributionRegistry.start(dir);
    try {
      return new RegistryUnderTest(registry, RegistryStandIn.start(registry.url()));
    } catch (Exception e) {
      registry.close();
      throw e;
    }
  }

  /** Pushes two releases to {@code repo}, 4.2.0 and 4.2.1 (which updates from 4.2.0), OCI and Docker. */
  public void pushTwoReleases(String repo) throws Exception {
    TestImages images = new TestImages(new ImagePusher(registry.url()));
    images.image(repo, "4.2.0", TestImages.Format.OCI, "amd64",
        List.of(TestImages.releaseLayer(TestImages.releaseMetadata("4.2.0")), TestImages.filler("c")));
    images.image(repo, "4.2.1", TestImages.Format.DOCKER, "amd64",
        List.of(TestImages.releaseLayer(TestImages.releaseMetadata("4.2.1", "4.2.0"))));
  }

  @Override
  public void close() {
    try {
      standIn.close();
    } finally {
      registry.close();
    }
  }
}
