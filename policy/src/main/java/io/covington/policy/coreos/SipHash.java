package io.covington.policy.coreos;

/**
 * SipHash (Aumasson and Bernstein, 2012): a keyed 64-bit hash, with the number of compression
 * and finalization rounds as parameters. Zincati's wariness uses SipHash-1-3, the variant of
 * Rust's {@code DefaultHasher}; SipHash-2-4 is the paper's variant, kept for its published test
 * vectors. Linear in the input length; no allocation.
 */
final class SipHash {

  private final int compressionRounds;
  private final int finalizationRounds;

  /** SipHash-1-3: one compression round per 8-byte block, three finalization rounds. */
  public static final SipHash SIP_1_3 = new SipHash(1, 3);

  /** SipHash-2-4, the variant of the paper and its reference test vectors. */
  public static final SipHash SIP_2_4 = new SipHash(2, 4);

  private SipHash(int compressionRounds, int finalizationRounds) {
    this.compressionRounds = compressionRounds;
    this.finalizationRounds = finalizationRounds;
  }

  /** The hash of {@code data} under the 128-bit key {@code (k0, k1)}, as an unsigned 64-bit value. */
  public long hash(long k0, long k1, byte[] data) {
    // The four state words start as the key XOR "somepseudorandomlygeneratedbytes".
    long[] v = {
      k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL, k0 ^ 0x6c7967656e657261L, k1 ^ 0x7465646279746573L
    };
    int blocks = data.length / 8;
    for (int b = 0; b < blocks; b++) {
      compress(v, littleEndian(data, b * 8, 8), compressionRounds);
    }
    // The last block: the remaining bytes, little-endian, with the length (mod 256) in the top byte.
    long last = littleEndian(data, blocks * 8, data.length % 8) | ((long) data.length << 56);
    compress(v, last, compressionRounds);
    v[2] ^= 0xff;
    for (int r = 0; r < finalizationRounds; r++) {
      round(v);
    }
    return v[0] ^ v[1] ^ v[2] ^ v[3];
  }

  private static void compress(long[] v, long m, int rounds) {
    v[3] ^= m;
    for (int r = 0; r < rounds; r++) {
      round(v);
    }
    v[0] ^= m;
  }

  /** One SipRound: the add-rotate-xor network over the four state words. */
  private static void round(long[] v) {
    v[0] += v[1];
    v[1] = Long.rotateLeft(v[1], 13);
    v[1] ^= v[0];
    v[0] = Long.rotateLeft(v[0], 32);
    v[2] += v[3];
    v[3] = Long.rotateLeft(v[3], 16);
    v[3] ^= v[2];
    v[0] += v[3];
    v[3] = Long.rotateLeft(v[3], 21);
    v[3] ^= v[0];
    v[2] += v[1];
    v[1] = Long.rotateLeft(v[1], 17);
    v[1] ^= v[2];
    v[2] = Long.rotateLeft(v[2], 32);
  }

  private static long littleEndian(byte[] data, int offset, int length) {
    long value = 0;
    for (int i = 0; i < length; i++) {
      value |= (data[offset + i] & 0xffL) << (8 * i);
    }
    return value;
  }
}
