package io.covington.sources.registry;

import java.util.List;
import java.util.Optional;

/**
 * What one release image says, keyed by its manifest digest (so it never changes and can be
 * cached forever).
 *
 * @param architecture the image config's architecture, or {@code multi} for an index of several
 *     platforms
 * @param document the {@code release-manifests/release-metadata} document as found in the image;
 *     empty when the image has none (it is not a release image)
 * @param children the manifest digests of an index's platform images, which are pieces of this
 *     release and not releases of their own; empty for a single image
 * @param layerVerified whether the layer the document came from was read to its end and matched its
 *     digest (manifests and configs always are); false only for layers above the full-read limit
 */
record ReleaseImage(String architecture, Optional<String> document, List<String> children, boolean layerVerified) {

  ReleaseImage {
    children = List.copyOf(children);
  }
}
