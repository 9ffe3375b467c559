package io.covington.sources.registry;

import io.covington.graph.signature.Keyring;
import io.covington.graph.signature.SignatureCheck;
import io.covington.graph.signature.SignatureVerifier;
import io.covington.sources.NetworkFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Requires a valid signature of an image's manifest digest before the image is used, as the
 * reference graph-builder does for its graph-data image: signatures are fetched from a signature
 * store in the layout the cluster-version-operator reads ({@code <store>/sha256=<hex>/signature-<n>},
 * n = 1, 2, … until one verifies, the store answers 404, or {@link #MAX_SIGNATURES} were tried) and
 * checked with the keyring. A {@code file:} store is a local directory in that layout or in the
 * {@code sha256/<hex>/signature-<n>} tree of {@code --signatures-dir}, so that a server can check
 * its graph-data image against the very signatures it serves, before it serves anything. Blocks:
 * call it on a worker thread.
 */
public final class ImageSignatures {

  /** The public mirror of OpenShift's release signatures: the reference's default store. */
  public static final String DEFAULT_STORE = "https://mirror.openshift.com/pub/openshift-v4/signatures/openshift/release/";
  /** As the cluster-version-operator: signatures beyond the tenth are never looked for. */
  static final int MAX_SIGNATURES = 10;
  private static final int MAX_SIGNATURE_BYTES = 64 << 10;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final SignatureVerifier verifier;
  private final URI store;
  private final HttpClient client;

  /**
   * @param store the signature store's base URL; a missing trailing {@code /} is added
   * @param tls the trust for an {@code https} store (the registry CAs besides the system's)
   */
  public ImageSignatures(Keyring keyring, URI store, SSLContext tls) {
    this.verifier = new SignatureVerifier(Objects.requireNonNull(keyring, "keyring"));
    this.store = store.toString().endsWith("/") ? store : URI.create(store + "/");
    this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** What a digest's signatures gave: the verified one, or why each was refused. */
  public record Outcome(SignatureCheck.Verified verified, URI url, List<String> refusals) {
    public boolean isVerified() {
      return verified != null;
    }
  }

  /** The signature store's base URL, for messages and {@code /status}. */
  public URI store() {
    return store;
  }

  /**
   * Looks for a signature of {@code digest} ({@code sha256:<hex>}) that verifies. Never throws on
   * what the store answers: each failure (unreachable, a status, a refused signature) is one line
   * of the outcome's refusals, naming its URL.
   */
  public Outcome check(String digest) throws InterruptedException {
    if ("file".equals(store.getScheme())) {
      return checkDirectory(Path.of(store), digest);
    }
    List<String> refusals = new ArrayList<>();
    for (int n = 1; n <= MAX_SIGNATURES; n++) {
      URI url = store.resolve(digest.replace(':', '=') + "/signature-" + n);
      HttpResponse<InputStream> response;
      try {
        response = client.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        refusals.add(url + ": " + NetworkFailure.describe(e, url));
        break;
      }
      try (InputStream body = response.body()) {
        if (response.statusCode() == 404) {
          if (n == 1) {
            refusals.add(url + ": 404, the store has no signature of " + digest);
          }
          break;
        }
        if (response.statusCode() != 200) {
          refusals.add(url + ": HTTP status " + response.statusCode());
          break;
        }
        byte[] bytes = body.readNBytes(MAX_SIGNATURE_BYTES + 1);
        if (bytes.length > MAX_SIGNATURE_BYTES) {
          refusals.add(url + ": larger than " + MAX_SIGNATURE_BYTES + " bytes, not a signature");
          continue;
        }
        SignatureCheck check = verifier.check(bytes, digest, Instant.now());
        if (check instanceof SignatureCheck.Verified v) {
          return new Outcome(v, url, refusals);
        }
        refusals.add(url + ": " + ((SignatureCheck.Refused) check).reason());
      } catch (IOException e) {
        refusals.add(url + ": " + NetworkFailure.describe(e, url));
        break;
      }
    }
    return new Outcome(null, null, refusals);
  }

  /** {@link #check} on a local store: {@code dir/sha256=<hex>/signature-<n>}, else {@code dir/sha256/<hex>/signature-<n>}. */
  private Outcome checkDirectory(Path dir, String digest) {
    List<String> refusals = new ArrayList<>();
    int colon = digest.indexOf(':');
    Path flat = dir.resolve(digest.replace(':', '='));
    Path folder = Files.isDirectory(flat) || colon < 0 ? flat : dir.resolve(digest.substring(0, colon)).resolve(digest.substring(colon + 1));
    for (int n = 1; n <= MAX_SIGNATURES; n++) {
      Path file = folder.resolve("signature-" + n);
      if (!Files.isRegularFile(file)) {
        if (n == 1) {
          refusals.add(file + ": no such file, the store has no signature of " + digest);
        }
        break;
      }
      byte[] bytes;
      try {
        if (Files.size(file) > MAX_SIGNATURE_BYTES) {
          refusals.add(file + ": larger than " + MAX_SIGNATURE_BYTES + " bytes, not a signature");
          continue;
        }
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        refusals.add(file + ": unreadable: " + e.getMessage());
        continue;
      }
      SignatureCheck check = verifier.check(bytes, digest, Instant.now());
      if (check instanceof SignatureCheck.Verified v) {
        return new Outcome(v, file.toUri(), refusals);
      }
      refusals.add(file + ": " + ((SignatureCheck.Refused) check).reason());
    }
    return new Outcome(null, null, refusals);
  }
}
