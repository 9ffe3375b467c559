package io.covington.graph.signature;

import java.time.Instant;
import java.util.Objects;

/** What checking one signature against a keyring and a digest found. */
public sealed interface SignatureCheck {

  /** Whether the signature may be trusted. */
  default boolean verified() {
    return this instanceof Verified;
  }

  /**
   * The signature verifies for a key of the keyring and signs the expected digest.
   *
   * @param keyId the signing key's id, 16 hex digits
   * @param signer the user id of the key's primary key, e.g. {@code Red Hat, Inc. (release key 2) <security@redhat.com>}
   * @param created when it was made
   * @param identity the signed {@code docker-reference}, when given
   */
  record Verified(String keyId, String signer, Instant created, String identity) implements SignatureCheck {}

  /**
   * The signature must not be trusted.
   *
   * @param reason why, in one sentence: no key, a bad signature, an expired key, another digest
   */
  record Refused(String reason) implements SignatureCheck {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
