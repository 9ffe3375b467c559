package io.covington.server;

import java.net.BindException;
import java.util.Locale;

/**
 * A port the server could not listen on: which of its two ports, the address and port asked for,
 * and the operating system's reason in words a user acts on (another process holds the port, the
 * address is not this machine's, the port needs privileges).
 */
public final class ListenFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The server's two ports. */
  public enum Port {
    API("the API port"),
    STATUS("the status port");

    private final String description;

    Port(String description) {
      this.description = description;
    }

    /** E.g. {@code the API port}. */
    public String description() {
      return description;
    }
  }

  private final Port which;
  private final String address;
  private final int port;
  private final Reason reason;

  /** Why listening failed, as far as the operating system says. */
  public enum Reason {
    IN_USE("address already in use"),
    NOT_LOCAL("the address is not one of this machine's"),
    FORBIDDEN("permission denied (ports below 1024 need privileges)"),
    OTHER("");

    private final String words;

    Reason(String words) {
      this.words = words;
    }
  }

  /**
   * @param which the port that failed
   * @param address the address it was to listen on, e.g. {@code 0.0.0.0}
   * @param port the port number asked for (0 for a free one)
   * @param failure what Vert.x (the operating system) answered
   */
  public ListenFailure(Port which, String address, int port, Throwable failure) {
    super("cannot listen on " + address + ":" + port + " (" + which.description() + "): " + words(failure), failure);
    this.which = which;
    this.address = address;
    this.port = port;
    this.reason = classify(failure);
  }

  /** The port that failed. */
  public Port which() {
    return which;
  }

  /** The address it was to listen on. */
  public String address() {
    return address;
  }

  /** The port number asked for. */
  public int port() {
    return port;
  }

  /** Why, as far as the operating system says. */
  public Reason reason() {
    return reason;
  }

  private static Reason classify(Throwable failure) {
    String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("already in use")) {
      return Reason.IN_USE;
    }
    if (message.contains("cannot assign requested address") || message.contains("not available")) {
      return Reason.NOT_LOCAL;
    }
    if (message.contains("permission denied") || message.contains("access denied")) {
      return Reason.FORBIDDEN;
    }
    return Reason.OTHER;
  }

  private static String words(Throwable failure) {
    Reason reason = classify(failure);
    if (reason != Reason.OTHER) {
      return reason.words;
    }
    String message = failure.getMessage();
    String kind = failure instanceof BindException ? "cannot bind" : failure.getClass().getSimpleName();
    return message == null ? kind : kind + ": " + message;
  }
}
