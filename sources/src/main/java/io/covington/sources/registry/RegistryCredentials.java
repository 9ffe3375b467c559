package io.covington.sources.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * User names and passwords per registry host, read from a Docker/Podman {@code auth.json} ({@code
 * {"auths": {"host": {"auth": base64(user:password)}}}}, also with {@code username}/{@code
 * password}) or a legacy {@code .dockercfg} (the same map without {@code auths}). Keys may carry a
 * scheme and a path ({@code https://index.docker.io/v1/}); they are matched on the host.
 */
final class RegistryCredentials {

  /** One login. */
  public record Login(String user, String password) {
    @Override
    public String toString() {
      return "Login[" + user + ", password hidden]";
    }
  }

  private final Map<String, Login> byHost;

  private RegistryCredentials(Map<String, Login> byHost) {
    this.byHost = Map.copyOf(byHost);
  }

  public static RegistryCredentials none() {
    return new RegistryCredentials(Map.of());
  }

  public static RegistryCredentials of(String host, Login login) {
    return new RegistryCredentials(Map.of(host.toLowerCase(Locale.ROOT), login));
  }

  /**
   * Reads an auth file.
   *
   * @throws IllegalArgumentException naming the file and the entry that cannot be used
   */
  public static RegistryCredentials read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("registry auth file " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("registry auth file " + file + ": expected a JSON object with \"auths\"");
    }
    JsonNode auths = root.has("auths") ? root.get("auths") : root;
    Map<String, Login> logins = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : auths.properties()) {
      login(entry.getValue()).ifPresent(login -> logins.put(host(entry.getKey()), login));
    }
    return new RegistryCredentials(logins);
  }

  private static Optional<Login> login(JsonNode entry) {
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      return colon < 0 ? Optional.empty() : Optional.of(new Login(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
    if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
      return Optional.of(new Login(entry.get("username").asText(), entry.get("password").asText()));
    }
    return Optional.empty();
  }

  /** {@code https://host:5000/v1/} → {@code host:5000}. */
  static String host(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    int scheme = k.indexOf("://");
    if (scheme >= 0) {
      k = k.substring(scheme + 3);
    }
    int slash = k.indexOf('/');
    return slash >= 0 ? k.substring(0, slash) : k;
  }

  /** The login for a registry host ({@code host[:port]}), if the file has one. */
  public Optional<Login> forHost(String host) {
    return Optional.ofNullable(byHost.get(host.toLowerCase(Locale.ROOT)));
  }
}
