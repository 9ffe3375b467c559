package io.covington.graph.signature;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * The OpenPGP public keys whose signatures are trusted: read from armored or binary key files, or
 * every file of a directory of them (as the reference's {@code public_keys_path} and graph-data's
 * {@code public-keys/}). Immutable and safe to share between threads.
 */
public final class Keyring {

  private final List<PGPPublicKeyRing> rings;
  private final List<String> sources;

  private Keyring(List<PGPPublicKeyRing> rings, List<String> sources) {
    this.rings = List.copyOf(rings);
    this.sources = List.copyOf(sources);
  }

  /**
   * Reads every key of {@code paths}, each a key file or a directory whose regular files are all key
   * files (names starting with {@code .} skipped).
   *
   * @throws InvalidInputException naming each file that is missing or holds no public key
   */
  public static Keyring read(List<Path> paths) throws InvalidInputException {
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    List<LoadProblem> problems = new ArrayList<>();
    for (Path path : paths) {
      List<Path> files = new ArrayList<>();
      if (Files.isDirectory(path)) {
        try (Stream<Path> entries = Files.list(path)) {
          entries.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted(Comparator.comparing(Path::toString)).forEach(files::add);
        } catch (IOException e) {
          problems.add(LoadProblem.of(path.toString(), "unreadable_keyring", "cannot list the keyring directory: " + e));
        }
        if (files.isEmpty() && problems.isEmpty()) {
          problems.add(LoadProblem.of(path.toString(), "empty_keyring", "the keyring directory holds no key file"));
        }
      } else {
        files.add(path);
      }
      for (Path file : files) {
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(file);
        } catch (IOException e) {
          problems.add(LoadProblem.of(file.toString(), "unreadable_keyring", "cannot read the key file: " + e.getMessage()));
          continue;
        }
        try {
          List<PGPPublicKeyRing> read = parse(bytes);
          if (read.isEmpty()) {
            problems.add(LoadProblem.of(file.toString(), "invalid_keyring", "holds no OpenPGP public key"));
          }
          rings.addAll(read);
          sources.add(file.toString());
        } catch (IOException | PGPException | RuntimeException e) {
          problems.add(LoadProblem.of(file.toString(), "invalid_keyring",
              "not an OpenPGP public key (armored or binary): " + e.getMessage()));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Keyring(rings, sources);
  }

  private static List<PGPPublicKeyRing> parse(byte[] bytes) throws IOException, PGPException {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(withArmorSeparator(bytes)))) {
      PGPPublicKeyRingCollection collection = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
      List<PGPPublicKeyRing> result = new ArrayList<>();
      collection.getKeyRings().forEachRemaining(result::add);
      return result;
    }
  }

  /**
   * {@code bytes} with the empty line after an armor's {@code BEGIN} line (and its headers) that
   * RFC 4880 requires: Red Hat's published keys leave it out, other OpenPGP implementations accept
   * that, and Bouncy Castle would read the first line of the key as a malformed header.
   */
  static byte[] withArmorSeparator(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    if (!text.stripLeading().startsWith("-----BEGIN PGP")) {
      return bytes;
    }
    StringBuilder out = new StringBuilder();
    boolean inHeaders = false;
    for (String line : text.split("\r?\n", -1)) {
      if (line.startsWith("-----BEGIN PGP")) {
        out.append(line).append('\n');
        inHeaders = true;
        continue;
      }
      if (inHeaders && !line.isEmpty() && !line.contains(": ")) {
        out.append('\n');
        inHeaders = false;
      } else if (inHeaders && line.isEmpty()) {
        inHeaders = false;
      }
      out.append(line).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The key (primary or subkey) with {@code keyId}, and the primary key of its ring. */
  Optional<KeyInRing> key(long keyId) {
    for (PGPPublicKeyRing ring : rings) {
      PGPPublicKey key = ring.getPublicKey(keyId);
      if (key != null) {
        return Optional.of(new KeyInRing(key, ring.getPublicKey()));
      }
    }
    return Optional.empty();
  }

  /** A key and its ring's primary key (the same for a primary key). */
  record KeyInRing(PGPPublicKey key, PGPPublicKey primary) {}

  /** One line per primary key, e.g. {@code 199E2F91FD431D51 Red Hat, Inc. (release key 2) <security@redhat.com>}. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (PGPPublicKeyRing ring : rings) {
      PGPPublicKey primary = ring.getPublicKey();
      Iterator<String> ids = primary.getUserIDs();
      lines.add(keyId(primary.getKeyID()) + (ids.hasNext() ? " " + ids.next() : ""));
    }
    return List.copyOf(lines);
  }

  /** The files the keys were read from. */
  public List<String> sources() {
    return sources;
  }

  /** How many primary keys it holds. */
  public int size() {
    return rings.size();
  }

  /** A key id as gpg shows it in long form: 16 upper-case hex digits. */
  static String keyId(long id) {
    return HexFormat.of().formatHex(ByteBuffer.allocate(8).putLong(id).array()).toUpperCase(Locale.ROOT);
  }
}
