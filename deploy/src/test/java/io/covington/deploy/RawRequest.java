package io.covington.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 GET on its own connection, classified by what the server did with it. Raw
 * sockets, because a general client hides what matters here: whether the server had begun to
 * answer when the connection ended.
 *
 * @param outcome what happened
 * @param detail the status line, or the exception, for the test's report
 * @param started when the connection was attempted
 * @param ended when the outcome was known
 */
record RawRequest(Outcome outcome, String detail, Instant started, Instant ended) {

  /** What the server did with a request. */
  enum Outcome {
    /** A complete 200 response: the status line, the headers and every byte of the body. */
    COMPLETED,
    /**
     * The server did not take the request: the connection was refused, or closed or reset before
     * a single byte of response. Clients and load balancers retry these; they are what a server
     * that has stopped accepting does.
     */
    REFUSED,
    /**
     * The server took the request and did not answer it completely: a response that started and
     * was cut short, a status other than 200, or silence until the timeout.
     */
    FAILED
  }

  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

  /**
   * GETs {@code pathAndQuery}; with {@code pause} above zero the body is read a chunk at a time
   * with that pause between chunks through a small receive buffer, so the response stays in
   * flight for a while.
   */
  static RawRequest get(int port, String pathAndQuery, Duration pause) {
    Instant started = Instant.now();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (Socket socket = new Socket()) {
      if (!pause.isZero()) {
        socket.setReceiveBufferSize(4096);
      }
      socket.setSoTimeout(15_000);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      byte[] chunk = new byte[pause.isZero() ? 65536 : 2048];
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        received.write(chunk, 0, n);
        if (!pause.isZero()) {
          Thread.sleep(pause.toMillis());
        }
      }
    } catch (SocketTimeoutException e) {
      return new RawRequest(Outcome.FAILED, "timed out after " + received.size() + " bytes", started, Instant.now());
    } catch (IOException e) {
      if (received.size() == 0) {
        return new RawRequest(Outcome.REFUSED, e.toString(), started, Instant.now());
      }
      return new RawRequest(Outcome.FAILED, e + " after " + received.size() + " bytes", started, Instant.now());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RawRequest(Outcome.FAILED, "interrupted", started, Instant.now());
    }
    return classify(received.toByteArray(), started);
  }

  private static RawRequest classify(byte[] response, Instant started) {
    Instant ended = Instant.now();
    if (response.length == 0) {
      return new RawRequest(Outcome.REFUSED, "closed without a response", started, ended);
    }
    String text = new String(response, StandardCharsets.ISO_8859_1);
    int headersEnd = text.indexOf("\r\n\r\n");
    String statusLine = text.lines().findFirst().orElse("");
    if (headersEnd < 0) {
      return new RawRequest(Outcome.FAILED, "headers cut short: " + statusLine, started, ended);
    }
    if (!statusLine.startsWith("HTTP/1.1 200 ")) {
      return new RawRequest(Outcome.FAILED, statusLine, started, ended);
    }
    Matcher length = CONTENT_LENGTH.matcher(text.substring(0, headersEnd));
    int body = response.length - headersEnd - 4;
    if (length.find()) {
      long declared = Long.parseLong(length.group(1));
      return body == declared
          ? new RawRequest(Outcome.COMPLETED, statusLine, started, ended)
          : new RawRequest(Outcome.FAILED, "body " + body + " of " + declared + " bytes", started, ended);
    }
    return text.endsWith("\r\n0\r\n\r\n")
        ? new RawRequest(Outcome.COMPLETED, statusLine, started, ended)
        : new RawRequest(Outcome.FAILED, "chunked body without its last chunk", started, ended);
  }
}
