package io.covington.server.cache;

import java.util.Locale;

/**
 * {@code Accept-Encoding} negotiation between the two codings served, gzip and identity (RFC
 * 9110 §12.5.3): gzip when the client gives {@code gzip} (or {@code x-gzip}, or {@code *} without
 * naming gzip) a weight above zero that is not below the weight it gives identity.
 */
public final class ContentCodings {

  private ContentCodings() {}

  /** Whether to answer {@code acceptEncoding} (the raw header, or {@code null}) with gzip. */
  public static boolean prefersGzip(String acceptEncoding) {
    if (acceptEncoding == null || acceptEncoding.isBlank()) {
      return false;
    }
    double gzip = -1;
    double identity = -1;
    double any = -1;
    for (String member : acceptEncoding.split(",")) {
      int semicolon = member.indexOf(';');
      String coding = (semicolon < 0 ? member : member.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
      double q = semicolon < 0 ? 1.0 : weight(member.substring(semicolon + 1));
      switch (coding) {
        case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
        case "identity" -> identity = Math.max(identity, q);
        case "*" -> any = Math.max(any, q);
        default -> {
          // Other codings are not served.
        }
      }
    }
    double gzipWeight = gzip >= 0 ? gzip : Math.max(any, 0);
    return gzipWeight > 0 && (identity < 0 || gzipWeight >= identity);
  }

  /** The {@code q} of {@code params} ({@code q=0.5;…}); 1 when absent, 0 when malformed. */
  private static double weight(String params) {
    for (String param : params.split(";")) {
      String p = param.trim();
      if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
        try {
          double q = Double.parseDouble(p.substring(2).trim());
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1.0;
  }
}
