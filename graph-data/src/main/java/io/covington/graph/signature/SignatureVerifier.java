package io.covington.graph.signature;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks an "atomic container signature" as the cluster-version-operator does before it installs a
 * release: an OpenPGP signed message (binary or armored, compressed or not) whose signature
 * verifies for a key of the keyring that is neither expired nor revoked, and whose signed JSON
 * says {@code "critical": {"type": "atomic container signature", "image": {"docker-manifest-digest":
 * <digest>}}} for the digest asked. Thread-safe; linear in the size of the signature.
 */
public final class SignatureVerifier {

  /** The {@code critical.type} of every container signature. */
  public static final String ATOMIC_TYPE = "atomic container signature";
  /** A signed message is small; anything larger is not one. */
  static final int MAX_CONTENT_BYTES = 64 << 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Keyring keyring;

  public SignatureVerifier(Keyring keyring) {
    this.keyring = Objects.requireNonNull(keyring, "keyring");
  }

  /**
   * Checks {@code signature} for {@code digest} ({@code sha256:<hex>}) at time {@code now} (key expiry).
   * Never throws on bad input: every failure is a {@link SignatureCheck.Refused} saying why.
   */
  public SignatureCheck check(byte[] signature, String digest, Instant now) {
    try {
      return verify(signature, digest, now);
    } catch (IOException | PGPException | RuntimeException e) {
      return new SignatureCheck.Refused("not a valid OpenPGP signed message: " + message(e));
    }
  }

  private SignatureCheck verify(byte[] signature, String digest, Instant now) throws IOException, PGPException {
    InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature));
    BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
    Object next = objects.nextObject();
    if (next instanceof PGPCompressedData compressed) {
      objects = new BcPGPObjectFactory(compressed.getDataStream());
      next = objects.nextObject();
    }
    if (!(next instanceof PGPOnePassSignatureList onePassList) || onePassList.isEmpty()) {
      return new SignatureCheck.Refused("not an OpenPGP signed message (no one-pass signature packet, found "
          + (next == null ? "nothing" : next.getClass().getSimpleName().replace("PGP", "")) + ")");
    }
    PGPOnePassSignature onePass = onePassList.get(0);
    if (!(objects.nextObject() instanceof PGPLiteralData literal)) {
      return new SignatureCheck.Refused("the signed message holds no literal data");
    }
    byte[] content = literal.getInputStream().readNBytes(MAX_CONTENT_BYTES + 1);
    if (content.length > MAX_CONTENT_BYTES) {
      return new SignatureCheck.Refused("the signed content is larger than " + MAX_CONTENT_BYTES + " bytes; not a container signature");
    }
    if (!(objects.nextObject() instanceof PGPSignatureList signatures) || signatures.isEmpty()) {
      return new SignatureCheck.Refused("the signed message ends without its signature packet");
    }
    PGPSignature sig = signatures.get(0);
    String keyId = Keyring.keyId(onePass.getKeyID());
    Keyring.KeyInRing found = keyring.key(onePass.getKeyID()).orElse(null);
    if (found == null) {
      return new SignatureCheck.Refused("signed by key " + keyId + ", which is not in the keyring");
    }
    onePass.init(new BcPGPContentVerifierBuilderProvider(), found.key());
    onePass.update(content);
    if (!onePass.verify(sig)) {
      return new SignatureCheck.Refused("the signature by key " + keyId + " does not verify: the signed content or the signature was altered");
    }
    String unusable = unusable(found, now, keyId);
    if (unusable != null) {
      return new SignatureCheck.Refused(unusable);
    }
    Instant created = sig.getCreationTime().toInstant();
    long sigValid = sig.getHashedSubPackets() == null ? 0 : sig.getHashedSubPackets().getSignatureExpirationTime();
    if (sigValid > 0 && created.plusSeconds(sigValid).isBefore(now)) {
      return new SignatureCheck.Refused("the signature by key " + keyId + " expired on " + created.plusSeconds(sigValid));
    }
    return claim(content, digest, keyId, found, created);
  }

  /** Why the key may not be used at {@code now}, or null. */
  private static String unusable(Keyring.KeyInRing found, Instant now, String keyId) {
    List<PGPPublicKey> keys = found.key() == found.primary() ? List.of(found.key()) : List.of(found.key(), found.primary());
    for (PGPPublicKey key : keys) {
      if (key.hasRevocation()) {
        return "key " + Keyring.keyId(key.getKeyID()) + " (of the signature by " + keyId + ") is revoked";
      }
      long valid = key.getValidSeconds();
      Instant expires = key.getCreationTime().toInstant().plusSeconds(valid);
      if (valid > 0 && expires.isBefore(now)) {
        return "key " + Keyring.keyId(key.getKeyID()) + " (of the signature by " + keyId + ") expired on " + expires;
      }
    }
    return null;
  }

  private static SignatureCheck claim(byte[] content, String digest, String keyId, Keyring.KeyInRing found, Instant created) {
    JsonNode claim;
    try {
      claim = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      return new SignatureCheck.Refused("the signature by key " + keyId + " verifies, but its content is not JSON: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      return new SignatureCheck.Refused("the signed content cannot be read: " + e.getMessage());
    }
    JsonNode critical = claim == null ? null : claim.get("critical");
    if (critical == null || !ATOMIC_TYPE.equals(critical.path("type").asText(null))) {
      return new SignatureCheck.Refused("the signature by key " + keyId + " verifies, but its content is not an \""
          + ATOMIC_TYPE + "\" (critical.type is " + (critical == null ? "missing" : critical.path("type")) + ")");
    }
    String signed = critical.path("image").path("docker-manifest-digest").asText("");
    if (!signed.equals(digest)) {
      return new SignatureCheck.Refused("the signature by key " + keyId + " verifies, but it signs "
          + (signed.isEmpty() ? "no docker-manifest-digest" : signed) + ", not " + digest);
    }
    Iterator<String> ids = found.primary().getUserIDs();
    return new SignatureCheck.Verified(keyId, ids.hasNext() ? ids.next() : "", created,
        critical.path("identity").path("docker-reference").asText(""));
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
