package io.covington.server.openshift;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.MetadataKeys;
import io.covington.graph.model.Release;
import io.covington.graph.signature.SignatureStore;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.http.JsonBody;
import java.util.List;
import java.util.Optional;

/**
 * Renders {@code /v1/signatures}: {@code {"channel","arch","verifying","releases":[{"version",
 * "digest","signature","served","refused","signers"}]}}, one entry per release of the channel with
 * a payload, in the channel's order. {@code signature} is {@code verified} (a signature verifies with
 * the release keyring), {@code unverified} (signatures are served but no keyring checks them), {@code
 * refused} (every signature was refused) or {@code none}. A pure function of the snapshot, linear in
 * the channel's releases.
 */
final class SignaturesRenderer {

  private SignaturesRenderer() {}

  static byte[] render(GraphSnapshot snapshot, String channel, String arch) {
    ChannelGraph graph = snapshot.channel(channel, arch).orElseGet(() -> ChannelGraph.empty(channel, arch));
    SignatureStore store = snapshot.signatures();
    return JsonBody.object(256 + 160 * graph.nodes().size(), g -> {
      g.writeStringField("channel", channel);
      g.writeStringField("arch", arch);
      g.writeBooleanField("verifying", store.verifying());
      g.writeArrayFieldStart("releases");
      for (Release release : graph.nodes()) {
        Optional<String> digest = digest(release);
        if (digest.isEmpty()) {
          continue;
        }
        Optional<SignatureStore.DigestSignatures> signatures = store.of(digest.get());
        g.writeStartObject();
        g.writeStringField("version", release.version());
        g.writeStringField("digest", digest.get());
        g.writeStringField("signature", store.state(digest.get()).label());
        g.writeNumberField("served", signatures.map(s -> s.served().size()).orElse(0));
        g.writeNumberField("refused", signatures.map(s -> s.refused().size()).orElse(0));
        g.writeArrayFieldStart("signers");
        for (String signer : signatures.map(SignatureStore.DigestSignatures::signers).orElse(List.of())) {
          g.writeString(signer);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }

  /** The release image's manifest digest: its manifestref, else the digest of its pull spec. */
  static Optional<String> digest(Release release) {
    String ref = release.metadata().get(MetadataKeys.MANIFEST_REF);
    if (ref != null && ref.startsWith("sha256:")) {
      return Optional.of(ref);
    }
    int at = release.payload().indexOf("@sha256:");
    return at < 0 ? Optional.empty() : Optional.of(release.payload().substring(at + 1));
  }
}
