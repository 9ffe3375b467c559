package io.covington.server.coreos;

import io.covington.graph.coreos.Scheme;
import io.covington.server.http.ApiError;
import io.vertx.core.MultiMap;
import java.util.Optional;

/**
 * The validated query of a CoreOS graph request. Zincati's {@code os_version}, {@code
 * os_checksum}, {@code group} and {@code platform}, and unknown parameters, are accepted and
 * ignored.
 *
 * @param basearch e.g. {@code x86_64}; mandatory and non-empty
 * @param stream e.g. {@code stable}; mandatory and non-empty
 * @param scheme {@code oci=true} asks for container-image payloads, otherwise OSTree checksums
 * @param rolloutWariness the raw {@code rollout_wariness}, parsed by the rollout policy
 * @param nodeUuid the raw {@code node_uuid}
 */
record CoreOsQuery(
    String basearch, String stream, Scheme scheme, Optional<String> rolloutWariness, Optional<String> nodeUuid) {

  /** A client error found in a query, ready to be answered. */
  static final class InvalidQuery extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ApiError error;

    InvalidQuery(ApiError error) {
      super(error.value(), null, false, false);
      this.error = error;
    }

    ApiError error() {
      return error;
    }
  }

  static CoreOsQuery parse(MultiMap params) throws InvalidQuery {
    String basearch = params.get("basearch");
    String stream = params.get("stream");
    if (basearch == null || stream == null) {
      String missing = basearch == null && stream == null ? "basearch, stream" : basearch == null ? "basearch" : "stream";
      throw new InvalidQuery(ApiError.missingParams(missing));
    }
    if (basearch.isEmpty()) {
      throw new InvalidQuery(new ApiError(400, "invalid_params", "invalid client parameters: basearch must not be empty"));
    }
    if (stream.isEmpty()) {
      throw new InvalidQuery(new ApiError(400, "invalid_params", "invalid client parameters: stream must not be empty"));
    }
    String oci = params.get("oci");
    Scheme scheme;
    if (oci == null || oci.equals("false")) {
      scheme = Scheme.CHECKSUM;
    } else if (oci.equals("true")) {
      scheme = Scheme.OCI;
    } else {
      throw new InvalidQuery(new ApiError(400, "invalid_params", "invalid client parameters: oci=\"" + oci + "\" must be true or false"));
    }
    return new CoreOsQuery(
        basearch, stream, scheme, Optional.ofNullable(params.get("rollout_wariness")), Optional.ofNullable(params.get("node_uuid")));
  }
}
