package io.covington.sources.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server in front of the real registry that forwards every request to it and lets a
 * test see and bend the traffic: it counts blob downloads, can serve chosen blobs with one byte
 * changed (a corrupt download the registry itself would never serve), can cut every blob off
 * halfway, can answer everything 500, can fail the tag list, and
 * can demand Bearer tokens from its own token endpoint the way registries behind an auth server
 * do, with tokens that expire.
 */
public final class RegistryStandIn implements AutoCloseable {

  private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "transfer-encoding",
      "expect", "upgrade", "keep-alive", "date");

  private final HttpServer server;
  private final String target;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final AtomicInteger blobGets = new AtomicInteger();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final AtomicInteger refusedTokens = new AtomicInteger();
  private final Set<String> corruptBlobs = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> tokens = new ConcurrentHashMap<>();
  private volatile boolean failTagList;
  private volatile boolean failEverything;
  private volatile boolean truncateBlobs;
  private volatile Optional<Duration> tokenLifetime = Optional.empty();
  private volatile Optional<RegistryCredentials.Login> tokenLogin = Optional.empty();
  private volatile long advertisedSeconds;

  private RegistryStandIn(HttpServer server, String target) {
    this.server = server;
    this.target = target;
  }

  /** Starts forwarding to {@code target} (e.g. {@code http://127.0.0.1:5000}). */
  public static RegistryStandIn start(String target) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    RegistryStandIn standIn = new RegistryStandIn(server, target);
    server.createContext("/", standIn::handle);
    server.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "registry-stand-in");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return standIn;
  }

  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public int blobGets() {
    return blobGets.get();
  }

  public int tokensIssued() {
    return tokensIssued.get();
  }

  /** Requests that came with a token the stand-in no longer accepts (expired). */
  public int refusedTokens() {
    return refusedTokens.get();
  }

  public void corrupt(String blobDigest) {
    corruptBlobs.add(blobDigest);
  }

  public void failTagList(boolean fail) {
    failTagList = fail;
  }

  /** Answers every registry request 500, as a registry whose storage is down does. */
  public void failEverything(boolean fail) {
    failEverything = fail;
  }

  /** Sends the first half of every blob and ends the response there, as a dropped download does. */
  public void truncateBlobs(boolean truncate) {
    truncateBlobs = truncate;
  }

  /**
   * Demands Bearer tokens, issued by {@code /token} to {@code login} (anyone, when empty), valid
   * for {@code lifetime} but announced as valid for {@code advertised} (longer, so clients meet a
   * token that expires before they expect, as with clock skew or a revoked token).
   */
  public void requireTokens(Duration lifetime, Duration advertised, Optional<RegistryCredentials.Login> login) {
    tokenLifetime = Optional.of(lifetime);
    advertisedSeconds = advertised.toSeconds();
    tokenLogin = login;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      if (path.equals("/token")) {
        issueToken(exchange);
        return;
      }
      if (tokenLifetime.isPresent() && !authorized(exchange)) {
        String name = path.startsWith("/v2/") && path.indexOf('/', 4) > 0 ? repoOf(path) : "";
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host() + "/token\",service=\"stand-in\""
            + (name.isEmpty() ? "" : ",scope=\"repository:" + name + ":pull\""));
        send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (failEverything && path.startsWith("/v2/")) {
        send(exchange, 500, "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"storage down\"}]}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (failTagList && path.endsWith("/tags/list")) {
        send(exchange, 500, new byte[0]);
        return;
      }
      forward(exchange, path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String repoOf(String path) {
    String rest = path.substring(4);
    for (String marker : List.of("/tags/", "/manifests/", "/blobs/")) {
      int i = rest.indexOf(marker);
      if (i > 0) {
        return rest.substring(0, i);
      }
    }
    return "";
  }

  private boolean authorized(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    Long expires = tokens.get(header.substring(7));
    if (expires == null || System.currentTimeMillis() >= expires) {
      refusedTokens.incrementAndGet();
      return false;
    }
    return true;
  }

  private void issueToken(HttpExchange exchange) throws IOException {
    if (tokenLogin.isPresent()) {
      RegistryCredentials.Login login = tokenLogin.get();
      String expected = "Basic " + Base64.getEncoder().encodeToString((login.user() + ":" + login.password())
          .getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(exchange, 401, new byte[0]);
        return;
      }
    }
    String token = UUID.randomUUID().toString();
    long lifetime = tokenLifetime.orElseThrow().toMillis();
    tokens.put(token, System.currentTimeMillis() + lifetime);
    tokensIssued.incrementAndGet();
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    send(exchange, 200, ("{\"token\":\"" + token + "\",\"expires_in\":" + advertisedSeconds + "}")
        .getBytes(StandardCharsets.UTF_8));
  }

  private void forward(HttpExchange exchange, String path) throws IOException, InterruptedException {
    String method = exchange.getRequestMethod();
    String query = exchange.getRequestURI().getRawQuery();
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path + (query == null ? "" : "?" + query)))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!HOP_HEADERS.contains(lower) && !(tokenLifetime.isPresent() && lower.equals("authorization"))) {
        values.forEach(v -> request.header(name, v));
      }
    });
    boolean blobGet = method.equals("GET") && path.contains("/blobs/sha256:");
    if (blobGet) {
      blobGets.incrementAndGet();
    }
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    byte[] content = response.body();
    if (blobGet && content.length > 0 && corruptBlobs.contains(path.substring(path.lastIndexOf('/') + 1))) {
      content = content.clone();
      content[content.length - 1] ^= 0x5a;
    }
    response.headers().map().forEach((name, values) -> {
      if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    if (method.equals("HEAD")) {
      exchange.sendResponseHeaders(response.statusCode(), -1);
      return;
    }
    if (truncated(blobGet, content)) {
      // The full length is announced, half is sent, and the connection is closed.
      exchange.sendResponseHeaders(response.statusCode(), content.length);
      exchange.getResponseBody().write(content, 0, content.length / 2);
      exchange.getResponseBody().flush();
      exchange.close();
      return;
    }
    send(exchange, response.statusCode(), content);
  }

  private boolean truncated(boolean blobGet, byte[] content) {
    return truncateBlobs && blobGet && content.length > 1;
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
