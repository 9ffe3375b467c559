package io.covington.sources.registry;

/** The manifest and layer media types of OCI and Docker images. */
final class MediaTypes {

  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

  private MediaTypes() {}

  static boolean isIndex(String type) {
    return OCI_INDEX.equals(type) || DOCKER_LIST.equals(type);
  }

  static boolean isImage(String type) {
    return OCI_MANIFEST.equals(type) || DOCKER_MANIFEST.equals(type);
  }
}
