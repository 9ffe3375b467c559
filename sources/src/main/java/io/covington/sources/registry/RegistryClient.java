package io.covington.sources.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.sources.NetworkFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A client of the distribution (OCI/Docker registry v2) API: tag listing, manifests and blobs.
 * Speaks anonymously until a registry answers 401, then as its {@code WWW-Authenticate} asks:
 * Basic with the host's login, or Bearer with a token fetched from the challenge's realm (cached
 * per host and scope, fetched again when expired or refused). Retries connection failures, 429
 * and 5xx with exponential backoff. Follows redirects itself so credentials never go to another
 * host. Blocks: call it from worker threads. Thread-safe.
 */
final class RegistryClient {

  /** Every manifest format a release image may be pushed in; the reference asks only for Docker's. */
  static final String MANIFEST_ACCEPT = String.join(", ",
      MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LIST);

  private static final int MAX_MANIFEST_BYTES = 4 << 20;
  private static final int MAX_REDIRECTS = 5;
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How requests are made. */
  public record Settings(Duration timeout, int attempts, Duration backoff) {
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(60), 4, Duration.ofMillis(250));
    }
  }

  /** A manifest as served: its digest (verified), media type and bytes. */
  public record Manifest(String digest, String mediaType, byte[] bytes) {}

  private record Token(String value, Instant expires) {}

  private final HttpClient http;
  private final RegistryCredentials credentials;
  private final Settings settings;
  private final Consumer<String> onError;
  private final Clock clock;
  private final Map<String, BearerChallenge> challenges = new ConcurrentHashMap<>();
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  /**
   * @param onError told the kind of every failed request, retried or not, for metrics
   */
  public RegistryClient(SSLContext tls, RegistryCredentials credentials, Settings settings, Consumer<String> onError, Clock clock) {
    this.http = HttpClient.newBuilder()
        .sslContext(tls)
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.credentials = credentials;
    this.settings = settings;
    this.onError = onError;
    this.clock = clock;
  }

  /** Every tag of the repository, following {@code Link} pagination. */
  public List<String> tags(RegistryRepository repo, int pageSize) throws RegistryException, InterruptedException {
    Set<String> tags = new LinkedHashSet<>();
    Set<URI> seen = new HashSet<>();
    URI next = repo.uri("tags/list?n=" + pageSize);
    while (next != null) {
      if (!seen.add(next)) {
        throw error("http_status", repo.display() + ": tag list pagination loops back to " + next);
      }
      HttpResponse<InputStream> response = send(repo, next, "application/json");
      byte[] body = body(response, MAX_MANIFEST_BYTES * 4);
      if (response.statusCode() != 200) {
        throw status(repo.display() + " tag list", response);
      }
      try {
        JsonNode list = JSON.readTree(body);
        for (JsonNode tag : list.path("tags")) {
          tags.add(tag.asText());
        }
      } catch (IOException e) {
        throw error("invalid_manifest", repo.display() + ": the tag list is not JSON: " + e.getMessage());
      }
      next = response.headers().firstValue("Link").flatMap(RegistryClient::nextLink).map(repo.base()::resolve).orElse(null);
    }
    return List.copyOf(tags);
  }

  static Optional<String> nextLink(String header) {
    Matcher m = NEXT_LINK.matcher(header);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * The manifest of a tag or digest. Its digest is computed from the bytes; it must equal the
   * digest asked for, and the registry's {@code Docker-Content-Digest} when sent.
   */
  public Manifest manifest(RegistryRepository repo, String reference) throws RegistryException, InterruptedException {
    HttpResponse<InputStream> response = send(repo, repo.uri("manifests/" + reference), MANIFEST_ACCEPT);
    byte[] bytes = body(response, MAX_MANIFEST_BYTES);
    if (response.statusCode() != 200) {
      throw status(repo.display() + ":" + reference + " manifest", response);
    }
    String digest = Digests.of(bytes);
    if (Digests.isDigest(reference) && !reference.equals(digest)) {
      throw error("digest_mismatch", repo.display() + "@" + reference + ": the manifest served has digest " + digest);
    }
    Optional<String> claimed = response.headers().firstValue("Docker-Content-Digest");
    if (claimed.isPresent() && Digests.isDigest(claimed.get()) && !claimed.get().equals(digest)) {
      throw error("digest_mismatch", repo.display() + ":" + reference + ": the registry says digest " + claimed.get()
          + " but the manifest's bytes hash to " + digest);
    }
    String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip()).orElse("");
    return new Manifest(digest, type, bytes);
  }

  /**
   * Opens a blob. The stream verifies the digest and size once read to its end; the caller closes
   * it.
   */
  VerifyingInputStream blob(RegistryRepository repo, String digest, long size) throws RegistryException, InterruptedException {
    HttpResponse<InputStream> response = send(repo, repo.uri("blobs/" + digest), "*/*");
    if (response.statusCode() != 200) {
      body(response, 4096);
      throw status(repo.display() + "@" + digest + " blob", response);
    }
    return new VerifyingInputStream(response.body(), digest, size);
  }

  /** A small blob (an image config), read whole and verified. */
  byte[] smallBlob(RegistryRepository repo, String digest, long size, int limit) throws RegistryException, InterruptedException {
    if (size > limit) {
      throw error("invalid_manifest", repo.display() + "@" + digest + ": blob of " + size + " bytes is larger than " + limit);
    }
    try (VerifyingInputStream in = blob(repo, digest, size)) {
      byte[] bytes = in.readNBytes(limit + 1);
      in.drainAndVerify();
      return bytes;
    } catch (VerifyingInputStream.Mismatch e) {
      throw error("digest_mismatch", repo.display() + ": " + e.getMessage());
    } catch (IOException e) {
      throw error("unreachable", repo.display() + "@" + digest + ": reading the blob failed: " + e);
    }
  }

  private HttpResponse<InputStream> send(RegistryRepository repo, URI uri, String accept)
      throws RegistryException, InterruptedException {
    URI target = uri;
    boolean reauthorized = false;
    int redirects = 0;
    RegistryException last = null;
    for (int attempt = 0; attempt < settings.attempts(); ) {
      boolean sameHost = target.getAuthority().equalsIgnoreCase(repo.host());
      HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(settings.timeout()).header("Accept", accept).GET();
      if (sameHost) {
        authorization(repo).ifPresent(value -> request.header("Authorization", value));
      }
      HttpResponse<InputStream> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        last = error("unreachable", repo.display() + ": " + target + ": " + NetworkFailure.describe(e, target));
        backoff(attempt++);
        continue;
      }
      int code = response.statusCode();
      if (code == 401 && sameHost && !reauthorized) {
        body(response, 4096);
        Optional<BearerChallenge> challenge =
            response.headers().firstValue("WWW-Authenticate").flatMap(BearerChallenge::parse);
        if (challenge.isEmpty()) {
          throw error("unauthorized", repo.display() + ": 401 without a Basic or Bearer challenge");
        }
        challenges.put(repo.host(), challenge.get());
        tokens.remove(tokenKey(repo));
        reauthorized = true;
        continue;
      }
      if (code == 401 || code == 403) {
        body(response, 4096);
        throw error("unauthorized", repo.display() + ": " + target.getPath() + " answered " + code
            + (credentials.forHost(repo.host()).isEmpty() ? " (no login for " + repo.host() + " in --registry-auth)" : " with the configured login"));
      }
      if (code >= 300 && code < 400 && code != 304) {
        body(response, 4096);
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty() || ++redirects > MAX_REDIRECTS) {
          throw error("http_status", repo.display() + ": " + target + " answered " + code + " without a usable Location");
        }
        target = target.resolve(location.get());
        continue;
      }
      if (code == 429 || code >= 500) {
        body(response, 4096);
        last = error("http_status", repo.display() + ": " + target.getPath() + " answered " + code);
        backoff(attempt++);
        continue;
      }
      return response;
    }
    throw last;
  }

  private void backoff(int attempt) throws InterruptedException {
    if (attempt + 1 < settings.attempts()) {
      Thread.sleep(settings.backoff().toMillis() << Math.min(attempt, 6));
    }
  }

  private static String tokenKey(RegistryRepository repo) {
    return repo.host() + " repository:" + repo.name() + ":pull";
  }

  private Optional<String> authorization(RegistryRepository repo) throws RegistryException, InterruptedException {
    BearerChallenge challenge = challenges.get(repo.host());
    Optional<RegistryCredentials.Login> login = credentials.forHost(repo.host());
    if (challenge == null) {
      return Optional.empty();
    }
    if (!challenge.isBearer()) {
      return login.map(RegistryClient::basic);
    }
    Token token = tokens.get(tokenKey(repo));
    if (token == null || !clock.instant().isBefore(token.expires())) {
      token = fetchToken(repo, challenge, login);
      tokens.put(tokenKey(repo), token);
    }
    return Optional.of("Bearer " + token.value());
  }

  private static String basic(RegistryCredentials.Login login) {
    return "Basic " + Base64.getEncoder().encodeToString((login.user() + ":" + login.password()).getBytes(StandardCharsets.UTF_8));
  }

  private Token fetchToken(RegistryRepository repo, BearerChallenge challenge, Optional<RegistryCredentials.Login> login)
      throws RegistryException, InterruptedException {
    String realm = challenge.param("realm");
    if (realm.isEmpty()) {
      throw error("unauthorized", repo.display() + ": Bearer challenge without a realm");
    }
    List<String> query = new ArrayList<>();
    if (!challenge.param("service").isEmpty()) {
      query.add("service=" + URLEncoder.encode(challenge.param("service"), StandardCharsets.UTF_8));
    }
    query.add("scope=" + URLEncoder.encode("repository:" + repo.name() + ":pull", StandardCharsets.UTF_8));
    URI uri;
    try {
      uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + String.join("&", query));
    } catch (IllegalArgumentException e) {
      throw error("unauthorized", repo.display() + ": Bearer realm '" + realm + "' is not a URL");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET();
    login.ifPresent(l -> request.header("Authorization", basic(l)));
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw error("unreachable", repo.display() + ": token endpoint " + realm + ": " + NetworkFailure.describe(e, uri));
    }
    if (response.statusCode() != 200) {
      throw error("unauthorized", repo.display() + ": token endpoint " + realm + " answered " + response.statusCode());
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      String value = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText("");
      if (value.isEmpty()) {
        throw error("unauthorized", repo.display() + ": token endpoint " + realm + " sent no token");
      }
      // The spec's default lifetime is 60 s; a few seconds of margin keeps a request from
      // starting with a token that expires in flight.
      long lifetime = Math.max(1, body.path("expires_in").asLong(60));
      Instant issued = clock.instant();
      return new Token(value, issued.plusSeconds(lifetime).minusMillis(Math.min(5000, lifetime * 100)));
    } catch (IOException e) {
      throw error("unauthorized", repo.display() + ": token endpoint " + realm + " sent no JSON: " + e.getMessage());
    }
  }

  private static byte[] body(HttpResponse<InputStream> response, int limit) throws RegistryException {
    try (InputStream in = response.body()) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw new RegistryException("invalid_manifest", response.uri() + ": response larger than " + limit + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new RegistryException("unreachable", response.uri() + ": reading the response failed: " + e);
    }
  }

  private RegistryException status(String what, HttpResponse<?> response) {
    String kind = response.statusCode() == 404 ? "not_found" : "http_status";
    return error(kind, what + " answered HTTP " + response.statusCode());
  }

  RegistryException error(String kind, String message) {
    onError.accept(kind);
    return new RegistryException(kind, message);
  }
}
