package io.covington.server.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.util.List;
import java.util.Locale;

/**
 * Vert.x's request decoder with the checks its own lacks, each failing the request with a {@link
 * Rejected} (answered by the invalid-request handler, the connection then closed) and putting the
 * decoder in its discard-everything state, so nothing after a refused head is read as a request:
 *
 * <ul>
 *   <li>an HTTP version other than 1.0 and 1.1 (1.2 and above are read as 1.1, as RFC 9112 §2.3
 *       asks): 505, where Vert.x answers 501 in the client's version;
 *   <li>more than {@link HttpLimits#MAX_HEADER_FIELDS} header fields: 431 (each field costs
 *       ~150 bytes of heap however short, so the byte limit alone lets a held head cost 240 KiB);
 *   <li>{@code Transfer-Encoding} together with {@code Content-Length}, any coding but a single
 *       {@code chunked}, or on HTTP/1.0 (RFC 9112 §6.1, §6.3): 400. Netty would drop the
 *       {@code Content-Length} of a chunked HTTP/1.1 request and carry on, the framing a proxy
 *       in front may read differently; this runs before it does.
 * </ul>
 *
 * <p>Extends a class of Vert.x's implementation package (there is no public way to add checks to
 * the decoder); {@link Edge} installs it, and the edge tests fail if Vert.x changes underneath.
 */
final class EdgeDecoder extends VertxHttpRequestDecoder {

  private final int maxHeaderFields;
  private int headerFields;

  EdgeDecoder(HttpServerOptions options, int maxHeaderFields) {
    super(options);
    this.maxHeaderFields = maxHeaderFields;
  }

  @Override
  protected HttpMessage createMessage(String[] initialLine) {
    headerFields = 0;
    HttpMessage message = super.createMessage(initialLine);
    HttpVersion version = message.protocolVersion();
    if (!version.protocolName().equals("HTTP")) {
      throw Rejected.malformed("the protocol is " + Rejected.printable(version.protocolName()) + ", not HTTP");
    }
    if (version.majorVersion() != 1) {
      throw Rejected.versionNotSupported(initialLine[2]);
    }
    // The constants, which Vert.x compares by identity (a lower-case "http/1.1" is another object).
    message.setProtocolVersion(version.minorVersion() == 0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1);
    return message;
  }

  @Override
  protected HttpMessage createInvalidMessage() {
    // Netty's stand-in for a request it could not read at all says HTTP/1.0; answer in 1.1.
    HttpMessage message = super.createInvalidMessage();
    message.setProtocolVersion(HttpVersion.HTTP_1_1);
    return message;
  }

  @Override
  protected AsciiString splitHeaderName(byte[] sb, int start, int length) {
    if (++headerFields > maxHeaderFields) {
      throw Rejected.tooManyHeaderFields(maxHeaderFields);
    }
    if (length == 0) {
      throw Rejected.malformed("a header field has an empty name");
    }
    return super.splitHeaderName(sb, start, length);
  }

  /** Called once the head is read and before Netty acts on its framing headers. */
  @Override
  protected boolean isContentAlwaysEmpty(HttpMessage message) {
    if (message != null) {
      checkFraming(message);
    }
    return super.isContentAlwaysEmpty(message);
  }

  private static void checkFraming(HttpMessage message) {
    HttpHeaders headers = message.headers();
    List<String> encodings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
    if (encodings.isEmpty()) {
      return;
    }
    if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      throw Rejected.framing("both Content-Length and Transfer-Encoding");
    }
    if (message.protocolVersion() == HttpVersion.HTTP_1_0) {
      throw Rejected.framing("Transfer-Encoding in an HTTP/1.0 request");
    }
    int chunked = 0;
    int codings = 0;
    for (String field : encodings) {
      for (String coding : field.split(",", -1)) {
        codings++;
        if (coding.strip().toLowerCase(Locale.ROOT).equals("chunked")) {
          chunked++;
        }
      }
    }
    if (chunked != 1 || codings != 1) {
      throw Rejected.framing("Transfer-Encoding " + Rejected.printable(String.join(", ", encodings))
          + " (only a single chunked is accepted)");
    }
  }
}
