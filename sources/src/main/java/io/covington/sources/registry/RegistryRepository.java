package io.covington.sources.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A repository in a registry, as given on the command line: {@code HOST[:PORT]/REPO}, optionally
 * followed by {@code :TAG} or {@code @sha256:…}. An {@code http://} prefix asks for plain HTTP; the
 * default, and {@code https://}, is TLS. The scheme is never part of a pull spec.
 *
 * @param plainHttp whether the registry is spoken to without TLS
 * @param host the registry host with its port, as it appears in pull specs
 * @param name the repository name, e.g. {@code openshift/release-images}
 * @param reference the tag or digest, when one was given
 */
public record RegistryRepository(boolean plainHttp, String host, String name, Optional<String> reference) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  /**
   * Parses a command-line repository.
   *
   * @throws IllegalArgumentException naming what is wrong and the expected form
   */
  public static RegistryRepository parse(String text) {
    String rest = text.strip();
    boolean plain = false;
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://")) {
      plain = true;
      rest = rest.substring("http://".length());
    } else if (lower.startsWith("https://")) {
      rest = rest.substring("https://".length());
    }
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw invalid(text, "no repository after the host");
    }
    String host = rest.substring(0, slash);
    String path = rest.substring(slash + 1);
    Optional<String> reference = Optional.empty();
    int at = path.indexOf('@');
    if (at >= 0) {
      reference = Optional.of(path.substring(at + 1));
      path = path.substring(0, at);
      if (!Digests.isDigest(reference.get())) {
        throw invalid(text, "'" + reference.get() + "' is not a sha256:<64 hex> digest");
      }
    } else {
      int colon = path.lastIndexOf(':');
      if (colon >= 0) {
        reference = Optional.of(path.substring(colon + 1));
        path = path.substring(0, colon);
        if (!TAG.matcher(reference.get()).matches()) {
          throw invalid(text, "'" + reference.get() + "' is not a valid tag");
        }
      }
    }
    if (!NAME.matcher(path).matches()) {
      throw invalid(text, "'" + path + "' is not a repository name (lower-case path components)");
    }
    return new RegistryRepository(plain, host, path, reference);
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException(
        "registry repository '" + text + "': " + why + "; expected [http://]HOST[:PORT]/REPO[:TAG|@sha256:…]");
  }

  /** {@code HOST/REPO} without scheme or reference, for messages and metric labels. */
  public String display() {
    return host + "/" + name;
  }

  /** The pull spec of the image with this manifest digest: {@code HOST/REPO@sha256:…}. */
  public String pullSpec(String digest) {
    return host + "/" + name + "@" + digest;
  }

  /** The URI of a path under this repository's {@code /v2/<name>/}. */
  URI uri(String pathAndQuery) {
    return URI.create((plainHttp ? "http://" : "https://") + host + "/v2/" + name + "/" + pathAndQuery);
  }

  /** The registry's base URI, for resolving relative {@code Link} and {@code Location} headers. */
  URI base() {
    return URI.create((plainHttp ? "http://" : "https://") + host + "/");
  }
}
