package io.covington.sources.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What was read from each release image, by manifest digest. A digest names immutable content, so
 * an entry never goes stale; the cache is bounded (least recently used entries leave memory) and,
 * when given a directory, also kept on disk (one small JSON file per digest) so a restart reads no
 * layer again. A file that cannot be read is treated as a miss. Thread-safe.
 */
final class ReleaseImageCache {

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseImageCache.class);

  private final Map<String, ReleaseImage> memory;
  private final Optional<Path> directory;

  ReleaseImageCache(int maxEntries, Optional<Path> directory) {
    this.memory = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ReleaseImage> eldest) {
        return size() > maxEntries;
      }
    };
    this.directory = directory;
  }

  Optional<ReleaseImage> get(String digest) {
    synchronized (memory) {
      ReleaseImage hit = memory.get(digest);
      if (hit != null) {
        return Optional.of(hit);
      }
    }
    Optional<ReleaseImage> onDisk = directory.flatMap(dir -> readFile(dir.resolve(fileName(digest))));
    onDisk.ifPresent(image -> {
      synchronized (memory) {
        memory.put(digest, image);
      }
    });
    return onDisk;
  }

  void put(String digest, ReleaseImage image) {
    synchronized (memory) {
      memory.put(digest, image);
    }
    directory.ifPresent(dir -> writeFile(dir, digest, image));
  }

  static String fileName(String digest) {
    return "sha256-" + Digests.hex(digest) + ".json";
  }

  private static Optional<ReleaseImage> readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = ImageManifest.JSON.readTree(Files.readAllBytes(file));
      List<String> children = new ArrayList<>();
      node.path("children").forEach(c -> children.add(c.asText()));
      JsonNode document = node.get("document");
      return Optional.of(new ReleaseImage(
          node.path("architecture").asText(),
          document == null || document.isNull() ? Optional.empty() : Optional.of(document.asText()),
          children,
          node.path("layerVerified").asBoolean(false)));
    } catch (IOException | RuntimeException e) {
      LOG.warn("registry cache file {} is unreadable, reading the image again: {}", file, e.toString());
      return Optional.empty();
    }
  }

  private static void writeFile(Path dir, String digest, ReleaseImage image) {
    ObjectNode node = ImageManifest.JSON.createObjectNode();
    node.put("architecture", image.architecture());
    if (image.document().isPresent()) {
      node.put("document", image.document().get());
    } else {
      node.putNull("document");
    }
    ArrayNode children = node.putArray("children");
    image.children().forEach(children::add);
    node.put("layerVerified", image.layerVerified());
    try {
      Files.createDirectories(dir);
      Path target = dir.resolve(fileName(digest));
      Path temp = Files.createTempFile(dir, ".tmp-", ".json");
      Files.write(temp, ImageManifest.JSON.writeValueAsBytes(node));
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      LOG.warn("cannot write the registry cache in {}: {}", dir, e.toString());
    }
  }
}
