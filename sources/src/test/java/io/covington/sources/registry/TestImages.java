package io.covington.sources.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Builds real images and pushes them: gzip'd tar layers written with Commons Compress (with PAX
 * extended headers, as real layers have), an image config with architecture and os, and OCI or
 * Docker schema 2 manifests and indexes.
 */
public final class TestImages {

  private static final ObjectMapper JSON = new ObjectMapper();

  public enum Format {
    OCI(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, "application/vnd.oci.image.config.v1+json",
        "application/vnd.oci.image.layer.v1.tar+gzip"),
    DOCKER(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LIST, "application/vnd.docker.container.image.v1+json",
        "application/vnd.docker.image.rootfs.diff.tar.gzip");

    final String manifest;
    final String index;
    final String config;
    final String layer;

    Format(String manifest, String index, String config, String layer) {
      this.manifest = manifest;
      this.index = index;
      this.config = config;
      this.layer = layer;
    }
  }

  /** A gzip'd layer and the digest of its uncompressed tar (the config's diff_id). */
  public record Layer(byte[] gzipped, String diffId) {}

  /** A pushed manifest. */
  public record Pushed(String digest, long size, String mediaType, String arch, List<String> layerDigests) {}

  /** One entry of a layer's tar. */
  public record Entry(String name, byte[] content, String linkTarget, boolean symlink) {
    public static Entry file(String name, String content) {
      return new Entry(name, content.getBytes(StandardCharsets.UTF_8), null, false);
    }

    public static Entry symlink(String name, String target) {
      return new Entry(name, new byte[0], target, true);
    }

    public static Entry hardlink(String name, String target) {
      return new Entry(name, new byte[0], target, false);
    }
  }

  private final ImagePusher pusher;

  public TestImages(ImagePusher pusher) {
    this.pusher = pusher;
  }

  /** A layer holding {@code release-manifests/release-metadata} plus another manifest file. */
  public static Layer releaseLayer(String document) throws IOException {
    return layer(List.of(
        Entry.file("release-manifests/image-references", "{\"kind\":\"ImageStream\"}"),
        Entry.file("release-manifests/release-metadata", document)));
  }

  /** A layer of unrelated files, with a path long enough to need a PAX path header. */
  public static Layer filler(String marker) throws IOException {
    return layer(List.of(
        Entry.file("usr/share/" + "long-directory-name-".repeat(6) + "/" + marker + ".txt", marker),
        Entry.file("etc/os-release", "ID=covington-test\n")));
  }

  public static Layer layer(List<Entry> entries) throws IOException {
    ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      Set<String> dirs = new HashSet<>();
      for (Entry e : entries) {
        String[] parts = e.name().split("/");
        StringBuilder dir = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
          dir.append(parts[i]).append('/');
          if (dirs.add(dir.toString()) && !parts[i].equals("..") && !e.name().startsWith("/")) {
            tar.putArchiveEntry(new TarArchiveEntry(dir.toString()));
            tar.closeArchiveEntry();
          }
        }
        TarArchiveEntry entry;
        if (e.linkTarget() != null) {
          entry = new TarArchiveEntry(e.name(), e.symlink() ? TarConstants.LF_SYMLINK : TarConstants.LF_LINK, true);
          entry.setLinkName(e.linkTarget());
        } else {
          // Keep absolute names as given: tests need hostile layers too.
          entry = new TarArchiveEntry(e.name(), true);
          entry.setSize(e.content().length);
        }
        // Real layers (buildah, podman) carry PAX records such as sub-second times.
        entry.addPaxHeader("mtime", "1700000000.123456789");
        tar.putArchiveEntry(entry);
        tar.write(e.content());
        tar.closeArchiveEntry();
      }
    }
    byte[] tar = tarBytes.toByteArray();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GzipCompressorOutputStream out = new GzipCompressorOutputStream(gz)) {
      out.write(tar);
    }
    return new Layer(gz.toByteArray(), Digests.of(tar));
  }

  /** A release-metadata document. */
  public static String releaseMetadata(String version, List<String> previous, Map<String, String> metadata) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("kind", "cincinnati-metadata-v0");
    doc.put("version", version);
    ArrayNode prev = doc.putArray("previous");
    previous.forEach(prev::add);
    ObjectNode meta = doc.putObject("metadata");
    meta.put("url", "https://example.com/errata/" + version);
    metadata.forEach(meta::put);
    return doc.toString();
  }

  public static String releaseMetadata(String version, String... previous) {
    return releaseMetadata(version, List.of(previous), Map.of());
  }

  /** Pushes an image: config (arch, os linux), the layers bottom-most first, and the manifest. */
  public Pushed image(String repo, String reference, Format format, String arch, List<Layer> layers) throws Exception {
    List<String> layerDigests = new ArrayList<>();
    for (Layer layer : layers) {
      layerDigests.add(pusher.blob(repo, layer.gzipped()));
    }
    return image(repo, reference, format, arch, layers, layerDigests);
  }

  /** Pushes the config and a manifest naming already-pushed layers (with the given digests). */
  public Pushed image(String repo, String reference, Format format, String arch, List<Layer> layers, List<String> layerDigests)
      throws Exception {
    ObjectNode config = JSON.createObjectNode();
    config.put("architecture", arch);
    config.put("os", "linux");
    config.putObject("config").putObject("Labels").put("io.openshift.release", "test");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    layers.forEach(l -> diffIds.add(l.diffId()));
    byte[] configBytes = JSON.writeValueAsBytes(config);
    String configDigest = pusher.blob(repo, configBytes);
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", format.manifest);
    manifest.set("config", descriptor(format.config, configDigest, configBytes.length));
    ArrayNode layerList = manifest.putArray("layers");
    for (int i = 0; i < layers.size(); i++) {
      layerList.add(descriptor(format.layer, layerDigests.get(i), layers.get(i).gzipped().length));
    }
    byte[] bytes = JSON.writeValueAsBytes(manifest);
    String digest = pusher.manifest(repo, reference == null ? Digests.of(bytes) : reference, format.manifest, bytes);
    return new Pushed(digest, bytes.length, format.manifest, arch, layerDigests);
  }

  /** Pushes an index (OCI) or manifest list (Docker) of already-pushed platform images. */
  public Pushed index(String repo, String tag, Format format, List<Pushed> platforms) throws Exception {
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", format.index);
    ArrayNode manifests = index.putArray("manifests");
    for (Pushed p : platforms) {
      ObjectNode d = descriptor(p.mediaType(), p.digest(), p.size());
      ObjectNode platform = d.putObject("platform");
      platform.put("architecture", p.arch());
      platform.put("os", "linux");
      manifests.add(d);
    }
    byte[] bytes = JSON.writeValueAsBytes(index);
    String digest = pusher.manifest(repo, tag, format.index, bytes);
    return new Pushed(digest, bytes.length, format.index, "multi", List.of());
  }

  private static ObjectNode descriptor(String mediaType, String digest, long size) {
    ObjectNode d = JSON.createObjectNode();
    d.put("mediaType", mediaType);
    d.put("digest", digest);
    d.put("size", size);
    return d;
  }

  public static Map<String, String> multiMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("release.openshift.io/architecture", "multi");
    return m;
  }
}
