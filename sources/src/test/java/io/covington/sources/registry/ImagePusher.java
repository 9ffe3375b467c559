package io.covington.sources.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Pushes blobs and manifests with the distribution API's monolithic upload: {@code POST
 * /v2/<name>/blobs/uploads/}, {@code PUT <location>&digest=…} with the bytes, and {@code PUT
 * /v2/<name>/manifests/<tag>}. Sends Basic credentials up front when given.
 */
public final class ImagePusher {

  private final String base;
  private final HttpClient http;
  private final Optional<String> authorization;

  public ImagePusher(String base) {
    this(base, Optional.empty(), Optional.empty());
  }

  public ImagePusher(String base, Optional<SSLContext> trust, Optional<RegistryCredentials.Login> login) {
    this.base = base;
    HttpClient.Builder builder = HttpClient.newBuilder();
    trust.ifPresent(builder::sslContext);
    this.http = builder.build();
    this.authorization = login.map(l -> "Basic " + Base64.getEncoder()
        .encodeToString((l.user() + ":" + l.password()).getBytes(StandardCharsets.UTF_8)));
  }

  /** Uploads a blob; returns its digest. */
  public String blob(String repo, byte[] content) throws Exception {
    return blob(repo, content, Digests.of(content));
  }

  /** Uploads bytes under a given digest (the registry checks it and refuses a mismatch). */
  public String blob(String repo, byte[] content, String digest) throws Exception {
    HttpResponse<String> started = send(request(URI.create(base + "/v2/" + repo + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(started.statusCode()).as("start upload: %s", started.body()).isEqualTo(202);
    URI location = URI.create(base).resolve(started.headers().firstValue("Location").orElseThrow());
    String sep = location.getRawQuery() == null ? "?" : "&";
    HttpResponse<String> put = send(request(URI.create(location + sep + "digest=" + digest))
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    assertThat(put.statusCode()).as("finish upload of %s: %s", digest, put.body()).isEqualTo(201);
    return digest;
  }

  /** Puts a manifest under a tag (or its digest); returns its digest. */
  public String manifest(String repo, String reference, String mediaType, byte[] manifest) throws Exception {
    HttpResponse<String> put = send(request(URI.create(base + "/v2/" + repo + "/manifests/" + reference))
        .header("Content-Type", mediaType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
    assertThat(put.statusCode()).as("put manifest %s:%s: %s", repo, reference, put.body()).isEqualTo(201);
    return Digests.of(manifest);
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
    authorization.ifPresent(a -> builder.header("Authorization", a));
    return builder;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
