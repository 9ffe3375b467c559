package io.covington.sources.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.covington.graph.input.Channel;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.InvalidInputException;
import io.covington.sources.HostileInputs;
import io.covington.sources.TestInputs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Graph-data as a tar.gz at an HTTP URL, served by a real HTTP server with ETags. */
class TarballSourceTest {

  @TempDir Path dir;

  private HttpServer http;
  private final AtomicReference<byte[]> archive = new AtomicReference<>();
  private final AtomicReference<String> etag = new AtomicReference<>();
  private final AtomicInteger notModified = new AtomicInteger();
  private String url;

  @BeforeEach
  void serve() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/graph-data.tar.gz", exchange -> {
      String tag = etag.get();
      if (tag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        notModified.incrementAndGet();
        exchange.sendResponseHeaders(304, -1);
      } else {
        byte[] body = archive.get();
        exchange.getResponseHeaders().add("ETag", tag);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    http.start();
    url = "http://127.0.0.1:" + http.getAddress().getPort() + "/graph-data.tar.gz";
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  @Test
  void readsTheArchiveAndFetchesAgainOnlyWhenItChanged() throws Exception {
    Path graphData = TestInputs.write(dir).graphData();
    archive.set(tarGz(graphData, "cincinnati-graph-data-master/"));
    etag.set("\"v1\"");
    TarballSource source = new TarballSource(url, dir.resolve("cache"));

    String first = source.update();
    GraphData data = source.read();

    assertThat(first).isEqualTo("etag-v1");
    assertThat(data.revision()).isEqualTo("etag-v1");
    assertThat(data.problems()).isEmpty();
    assertThat(data.channels()).extracting(Channel::name).containsExactly("fast-4.16", "stable-4.16");

    assertThat(source.update()).isEqualTo(first);
    assertThat(notModified.get()).isEqualTo(1);

    Files.delete(graphData.resolve("channels/fast-4.16.yaml"));
    archive.set(tarGz(graphData, "cincinnati-graph-data-master/"));
    etag.set("\"v2\"");

    assertThat(source.update()).isEqualTo("etag-v2");
    assertThat(source.read().channels()).extracting(Channel::name).containsExactly("stable-4.16");
    try (Stream<Path> kept = Files.list(dir.resolve("cache/archives"))) {
      assertThat(kept).hasSize(1);
    }
  }

  @Test
  void readsTheReleaseSignaturesTheArchiveCarries() throws Exception {
    Path graphData = TestInputs.write(dir).graphData();
    byte[] signature = {(byte) 0xa3, 0x01, 0x02, (byte) 0xff, 0x00, 0x7f};
    Path file = graphData.resolve("signatures/sha256/" + "ab".repeat(32) + "/signature-1");
    Files.createDirectories(file.getParent());
    Files.write(file, signature);
    archive.set(tarGz(graphData, "cincinnati-graph-data-master/"));
    etag.set("\"signed\"");
    TarballSource source = new TarballSource(url, dir.resolve("cache"));

    source.update();
    GraphData data = source.read();

    assertThat(data.signatures().files()).singleElement().satisfies(f -> {
      assertThat(f.digest()).isEqualTo("sha256:" + "ab".repeat(32));
      assertThat(f.bytes()).as("binary bytes unchanged").isEqualTo(signature);
    });
  }

  @Test
  void refusesAnEntryOutsideTheTarget() throws Exception {
    archive.set(tarGz(List.of(file("version", "1.1.0\n"), file("../escaped.yaml", "x: 1\n"))));
    etag.set("\"evil\"");

    assertThatThrownBy(() -> new TarballSource(url, dir.resolve("cache")).update())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.problems().get(0).kind()).isEqualTo("invalid_archive");
          assertThat(e.problems().get(0).message()).contains("../escaped.yaml");
        });
    assertThat(dir.resolve("cache/escaped.yaml")).doesNotExist();
    assertThat(dir.resolve("cache/archives/escaped.yaml")).doesNotExist();
  }

  @Test
  void refusesLinks() throws Exception {
    TarArchiveEntry link = new TarArchiveEntry("channels/stable-4.16.yaml", TarArchiveEntry.LF_SYMLINK);
    link.setLinkName("/etc/passwd");
    archive.set(tarGz(List.of(file("version", "1.1.0\n"), new Entry(link, new byte[0]))));
    etag.set("\"link\"");

    assertThatThrownBy(() -> new TarballSource(url, dir.resolve("cache")).update())
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.problems().get(0).message()).contains("is a link"));
  }

  @Test
  void stopsASmallArchiveThatUnpacksToOneHugeFile() throws Exception {
    // 400 MB of zeros in one entry: the archive is a few hundred KB.
    byte[] bomb = HostileInputs.tarBomb("", 400);
    assertThat(bomb.length).isLessThan(2 << 20);
    archive.set(bomb);
    etag.set("\"bomb\"");

    assertThatThrownBy(() -> new TarballSource(url, dir.resolve("cache")).update())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.problems().get(0).kind()).isEqualTo("invalid_archive");
          assertThat(e.problems().get(0).message()).contains("more than " + (256L << 20) + " bytes");
        });
    try (Stream<Path> left = Files.walk(dir.resolve("cache"))) {
      assertThat(left.filter(Files::isRegularFile)).as("nothing of the bomb is kept").isEmpty();
    }
  }

  private record Entry(TarArchiveEntry header, byte[] content) {}

  private static Entry file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static Entry file(String name, byte[] bytes) {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(bytes.length);
    return new Entry(e, bytes);
  }

  private static byte[] tarGz(Path root, String prefix) throws IOException {
    List<Entry> entries;
    try (Stream<Path> files = Files.walk(root)) {
      entries = files.filter(Files::isRegularFile).map(p -> {
        try {
          return file(prefix + root.relativize(p), Files.readAllBytes(p));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    }
    return tarGz(entries);
  }

  private static byte[] tarGz(List<Entry> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        tar.putArchiveEntry(e.header());
        tar.write(e.content());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
