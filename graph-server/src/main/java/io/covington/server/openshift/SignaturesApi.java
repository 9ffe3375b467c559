package io.covington.server.openshift;

import io.covington.graph.input.SignatureFile;
import io.covington.graph.input.SignatureTreeReader;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.cache.ResponseCache;
import io.covington.server.http.AcceptNegotiator;
import io.covington.server.http.Api;
import io.covington.server.http.ApiError;
import io.covington.server.http.Bodies;
import io.covington.server.http.ClientError;
import io.covington.server.http.Query;
import io.covington.server.http.QueryPool;
import io.covington.server.reload.Served;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release signature store, as the reference's metadata-helper serves it and the
 * cluster-version-operator reads it ({@code ClusterVersion.spec.signatureStores}): {@code
 * {prefix}/signatures/sha256=<hex>/signature-<n>}, the bytes of the snapshot's {@code n}th served
 * signature of that digest, with ETag and 304 like a graph body; a reload swaps them with the
 * graph. And {@code {prefix}/v1/signatures?channel=&arch=}: whether each release of a channel has a
 * verified signature, for operators and the dashboard.
 */
public final class SignaturesApi implements Api {

  /** The type the metadata-helper answers a signature with (a file without extension). */
  static final String OCTET_STREAM = "application/octet-stream";
  private static final AcceptNegotiator SIGNATURE_TYPES =
      new AcceptNegotiator(List.of(OCTET_STREAM), OCTET_STREAM, OCTET_STREAM);
  private static final AcceptNegotiator JSON_TYPES = AcceptNegotiator.forJson();
  private static final Pattern ALGO_DIGEST = Pattern.compile("([^=]*)=(.*)");
  private static final Pattern FILE = Pattern.compile("signature-([1-9][0-9]{0,5})");

  private final String prefix;
  private final Served<GraphSnapshot> served;
  private final Served.PerSnapshot<GraphSnapshot, ResponseCache<Object>> bodies;
  private final QueryPool queries;

  /** A signature asked for: its digest and 1-based number. */
  record SignatureKey(String digest, int number) {}

  public SignaturesApi(String prefix, Served<GraphSnapshot> served, ResponseCache.Settings caches, QueryPool queries) {
    this.prefix = prefix;
    this.served = served;
    this.queries = queries;
    this.bodies = served.perSnapshot(snapshot -> caches.create(OpenShiftApi.METRICS_LABEL));
  }

  @Override
  public String metricsLabel() {
    return OpenShiftApi.METRICS_LABEL;
  }

  @Override
  public void addRoutes(Router router) {
    get(router, prefix + "/signatures/:digest/:file", "signature", SIGNATURE_TYPES, SignaturesApi::decode, served,
        this::signature);
    get(router, prefix + "/v1/signatures", "signatures", JSON_TYPES, GraphQuery::decode, served, this::releases);
  }

  /**
   * {@code sha256=<hex>} and {@code signature-<n>}: a bad algorithm or digest is {@code
   * invalid_params} (400), a file name that is not {@code signature-<n>} cannot exist (404).
   */
  static SignatureKey decode(Query query) {
    String algoDigest = query.path("digest").orElse("");
    Matcher m = ALGO_DIGEST.matcher(algoDigest);
    if (!m.matches()) {
      throw Query.invalid("provided digest is in incorrect format: \"" + algoDigest + "\"; expected sha256=<64 hex digits>");
    }
    if (!m.group(1).equals(SignatureTreeReader.ALGORITHM)) {
      throw Query.invalid("algo not supported: \"" + m.group(1) + "\"; signatures are served for sha256 digests");
    }
    if (!SignatureTreeReader.HEX.matcher(m.group(2)).matches()) {
      throw Query.invalid("provided digest is in incorrect format: \"" + m.group(2) + "\" is not 64 lowercase hex digits");
    }
    String file = query.path("file").orElse("");
    Matcher n = FILE.matcher(file);
    if (!n.matches()) {
      throw new ClientError(ApiError.doesNotExist("signature " + algoDigest + "/" + file));
    }
    return new SignatureKey(SignatureTreeReader.ALGORITHM + ":" + m.group(2), Integer.parseInt(n.group(1)));
  }

  private void signature(Request<SignatureKey, GraphSnapshot> request) {
    SignatureKey key = request.query();
    GraphSnapshot snapshot = request.snapshot();
    SignatureFile file = snapshot.signatures().signature(key.digest(), key.number())
        .orElseThrow(() -> new ClientError(ApiError.doesNotExist(
            "signature " + key.digest().replace(':', '=') + "/signature-" + key.number())));
    request.ctx().response().putHeader(OpenShiftApi.REVISION_HEADER, snapshot.revision());
    Bodies.cached(request.ctx(), request.contentType(), request.served().get(bodies).get(key, file::bytes));
  }

  private void releases(Request<GraphQuery, GraphSnapshot> request) {
    GraphQuery query = request.query();
    GraphSnapshot snapshot = request.snapshot();
    request.ctx().response().putHeader(OpenShiftApi.REVISION_HEADER, snapshot.revision());
    if (snapshot.channel(query.channel(), query.arch()).isEmpty()) {
      // Not cached: clients choose channel names; the body of an unknown one is tiny.
      Bodies.send(request.ctx(), 200, request.contentType(), SignaturesRenderer.render(snapshot, query.channel(), query.arch()));
      return;
    }
    Bodies.cached(request.ctx(), request.contentType(), request.served().get(bodies)
        .get(query, () -> SignaturesRenderer.render(snapshot, query.channel(), query.arch()), queries));
  }
}
