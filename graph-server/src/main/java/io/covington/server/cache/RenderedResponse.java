package io.covington.server.cache;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * One response body, ready to write: the identity bytes, their gzip encoding (computed once, kept
 * only when it is smaller), and a strong entity tag per encoding derived from the identity bytes
 * alone, so every replica serving the same content sends the same tag.
 *
 * <p>The tag is {@code "<base64url SHA-256 of the identity bytes>"}; the gzip representation is a
 * different representation (RFC 9110 §8.8.3), so its tag carries the suffix {@code -gzip}.
 */
public final class RenderedResponse {

  /** Below this size gzip saves less than its header costs to decode. */
  static final int MIN_GZIP_BYTES = 512;

  private final Buffer identity;
  private final String etag;
  private final Optional<Buffer> gzip;
  private final String gzipEtag;

  private RenderedResponse(Buffer identity, String etag, Optional<Buffer> gzip, String gzipEtag) {
    this.identity = identity;
    this.etag = etag;
    this.gzip = gzip;
    this.gzipEtag = gzipEtag;
  }

  /** Hashes and compresses {@code body}. O(body length); the caller must not change the array. */
  public static RenderedResponse of(byte[] body) {
    String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(body));
    Optional<Buffer> gzip = Optional.empty();
    if (body.length >= MIN_GZIP_BYTES) {
      byte[] compressed = gzip(body);
      if (compressed.length < body.length) {
        gzip = Optional.of(offHeap(compressed));
      }
    }
    return new RenderedResponse(offHeap(body), '"' + hash + '"', gzip, '"' + hash + "-gzip\"");
  }

  /** The identity body; shared, never written to (Vert.x writes a slice of it). */
  public Buffer identity() {
    return identity;
  }

  /** The strong entity tag of the identity body, quoted. */
  public String etag() {
    return etag;
  }

  /** The gzip body, when gzip makes it smaller. */
  public Optional<Buffer> gzip() {
    return gzip;
  }

  /** The strong entity tag of the gzip body, quoted. */
  public String gzipEtag() {
    return gzipEtag;
  }

  /** Bytes held, for the cache's bound. */
  public int weight() {
    return identity.length() + gzip.map(Buffer::length).orElse(0) + 2 * etag.length() + 64;
  }

  /**
   * The bytes in direct memory: Netty copies a heap buffer into a direct one on every socket write,
   * which for a 500 KB graph was most of a response's cost. The JDK frees the memory with the buffer.
   */
  private static Buffer offHeap(byte[] bytes) {
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    return BufferInternal.buffer(Unpooled.wrappedBuffer(direct));
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
      gz.write(body);
    } catch (IOException e) {
      // Writing to memory cannot fail.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
