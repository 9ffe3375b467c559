package io.covington.sources;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Why a URL could not be fetched, in words: the JDK's HTTP client reports a refused connection
 * and an unknown host alike as a {@link ConnectException} without a message, which a user cannot
 * act on. The one place every fetcher (release URLs, archives, CoreOS documents, registries)
 * turns such an exception into a reason.
 */
public final class NetworkFailure {

  private NetworkFailure() {}

  /**
   * The cause of {@code failure} to reach {@code target}, e.g. {@code connection refused by
   * mirror.example:443}, {@code the host name mirror.example cannot be resolved (DNS)} or {@code
   * no answer within 10 s}; never {@code null}, never a bare class name when the cause is known.
   */
  public static String describe(IOException failure, URI target) {
    String host = target.getHost() == null ? String.valueOf(target.getAuthority()) : target.getHost();
    String authority = host + ":" + port(target);
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "the host name " + host + " cannot be resolved (DNS)";
      }
    }
    if (failure instanceof HttpConnectTimeoutException) {
      return "connecting to " + authority + " timed out";
    }
    if (failure instanceof HttpTimeoutException || failure instanceof SocketTimeoutException) {
      return "no answer from " + authority + " in time";
    }
    if (failure instanceof NoRouteToHostException) {
      return "no route to " + authority;
    }
    if (failure instanceof ConnectException) {
      // The JDK's client says nothing for a refused connection (a ClosedChannelException inside).
      String message = firstMessage(failure);
      if (message == null || message.toLowerCase(Locale.ROOT).contains("refused")) {
        return "connection refused by " + authority + " (nothing listens there)";
      }
      return "cannot connect to " + authority + ": " + message;
    }
    if (failure instanceof SSLException) {
      return "TLS with " + authority + " failed: " + (failure.getMessage() == null ? "handshake refused" : failure.getMessage());
    }
    String message = firstMessage(failure);
    return message == null ? failure.getClass().getSimpleName() : message;
  }

  private static String firstMessage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return null;
  }

  private static int port(URI target) {
    if (target.getPort() != -1) {
      return target.getPort();
    }
    return "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
  }
}
