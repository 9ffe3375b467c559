package io.covington.sources.registry;

/**
 * A registry request or an image that could not be used. The kind is a short category used as a
 * metric label: {@code unreachable}, {@code http_status}, {@code unauthorized}, {@code
 * digest_mismatch}, {@code invalid_manifest}, {@code invalid_layer}, {@code unsupported}.
 */
final class RegistryException extends Exception {

  private final String kind;

  public RegistryException(String kind, String message) {
    super(message);
    this.kind = kind;
  }

  public RegistryException(String kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }
}
