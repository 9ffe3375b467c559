package io.covington.sources;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Inputs made to hurt a reader: bodies that trickle or never end, archives that explode. */
public final class HostileInputs {

  private HostileInputs() {}

  /**
   * Answers 200 and then one space every 100 ms for 30 s, as a server that trickles; returns when
   * the client hangs up or the 30 s are over.
   */
  public static void trickle(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (int i = 0; i < 300; i++) {
        out.write(' ');
        out.flush();
        Thread.sleep(100);
      }
    } catch (IOException e) {
      // the client hung up, as it should
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Answers 200 with {@code mebibytes} MiB of spaces, generated as they are sent (no length announced). */
  public static void flood(HttpExchange exchange, int mebibytes) throws IOException {
    exchange.sendResponseHeaders(200, 0);
    byte[] chunk = new byte[1 << 20];
    Arrays.fill(chunk, (byte) ' ');
    try (OutputStream out = exchange.getResponseBody()) {
      for (int i = 0; i < mebibytes; i++) {
        out.write(chunk);
      }
    } catch (IOException e) {
      // the client hung up, as it should
    }
  }

  /**
   * A graph-data {@code .tar.gz} of a few hundred KB whose {@code prefix + "channels/huge.yaml"}
   * unpacks to {@code mebibytes} MiB of zeros (beside a valid {@code prefix + "version"}).
   */
  public static byte[] tarBomb(String prefix, int mebibytes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      byte[] version = "1.1.0\n".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry versionEntry = new TarArchiveEntry(prefix + "version");
      versionEntry.setSize(version.length);
      tar.putArchiveEntry(versionEntry);
      tar.write(version);
      tar.closeArchiveEntry();
      TarArchiveEntry huge = new TarArchiveEntry(prefix + "channels/huge.yaml", true);
      huge.setSize((long) mebibytes << 20);
      tar.putArchiveEntry(huge);
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < mebibytes; i++) {
        tar.write(zeros);
      }
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }
}
