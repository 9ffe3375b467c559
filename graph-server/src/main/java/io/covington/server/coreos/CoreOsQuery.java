package io.covington.server.coreos;

import io.covington.graph.coreos.Scheme;
import io.covington.server.http.Query;
import java.util.Optional;

/**
 * The validated query of a CoreOS request. Zincati's {@code os_version}, {@code os_checksum},
 * {@code group} and {@code platform}, and unknown parameters, are accepted and ignored.
 *
 * @param basearch e.g. {@code x86_64}; mandatory and non-empty
 * @param stream e.g. {@code stable}; mandatory and non-empty
 * @param scheme {@code oci=true} asks for container-image payloads, otherwise OSTree checksums
 * @param rolloutWariness the raw {@code rollout_wariness}, parsed by the rollout policy
 * @param nodeUuid the raw {@code node_uuid}
 */
record CoreOsQuery(
    String basearch, String stream, Scheme scheme, Optional<String> rolloutWariness, Optional<String> nodeUuid) {

  static CoreOsQuery decode(Query query) {
    query.require("basearch", "stream");
    String basearch = query.nonEmpty("basearch");
    String stream = query.nonEmpty("stream");
    String oci = query.optional("oci").orElse("false");
    Scheme scheme = switch (oci) {
      case "false" -> Scheme.CHECKSUM;
      case "true" -> Scheme.OCI;
      default -> throw Query.invalid("oci=\"" + oci + "\" must be true or false");
    };
    return new CoreOsQuery(basearch, stream, scheme, query.optional("rollout_wariness"), query.optional("node_uuid"));
  }
}
