package io.covington.server.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * A request refused before any route sees it, thrown by the {@link EdgeDecoder} (unsupported
 * version, conflicting framing, too many header fields) and carried as the request's decoder
 * result to the invalid-request handler. Carries no stack trace: it is an answer, not a fault.
 */
final class Rejected extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private static final int MAX_DETAIL = 160;

  private final transient ApiError error;

  Rejected(ApiError error) {
    super(error.value(), null, false, false);
    this.error = error;
  }

  ApiError error() {
    return error;
  }

  static Rejected versionNotSupported(String version) {
    return new Rejected(new ApiError(505, "http_version_not_supported",
        "HTTP version " + printable(version) + " is not supported; use HTTP/1.1 (or HTTP/1.0)"));
  }

  static Rejected malformed(String reason) {
    return new Rejected(new ApiError(400, "bad_request", "the request is not well-formed HTTP/1.1: " + reason));
  }

  static Rejected framing(String reason) {
    return new Rejected(new ApiError(400, "invalid_framing",
        "the request's message framing is ambiguous or unsupported: " + reason + "; the connection is closed"));
  }

  static Rejected tooManyHeaderFields(int max) {
    return new Rejected(new ApiError(431, "headers_too_large", "the request has more than " + max + " header fields"));
  }

  /** What to answer a request the decoder could not accept. */
  static ApiError answer(DecoderResult result) {
    Throwable cause = result.cause();
    if (cause instanceof Rejected rejected) {
      return rejected.error();
    }
    if (cause instanceof TooLongHttpLineException) {
      return new ApiError(414, "uri_too_long", "the request line is longer than the server accepts");
    }
    if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
      return new ApiError(431, "headers_too_large", "the request's header fields are larger than the server accepts");
    }
    String detail = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
    if (detail.contains("Content-Length")) {
      return Rejected.framing(printable(detail)).error();
    }
    return new ApiError(400, "bad_request",
        "the request is not well-formed HTTP/1.1" + (detail.isEmpty() ? "" : ": " + printable(detail)));
  }

  /** {@code text} cut to a readable length with control and non-ASCII characters escaped. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DETAIL) + 8);
    for (int i = 0; i < text.length(); i++) {
      if (out.length() >= MAX_DETAIL) {
        out.append('…');
        break;
      }
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else if (c < 0x100) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }
}
