package io.covington.server.http;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one client may hold of the API port, and how long: the timeouts and bounds the {@link Edge}
 * enforces. The status port uses the same timeouts and a small fixed connection cap of its own,
 * {@link #STATUS_MAX_CONNECTIONS}.
 *
 * @param headerTimeout a request head (request line and headers) must be complete this long after
 *     the connection opens, or after the first byte of a further request on a kept-alive
 *     connection; else the connection is closed (408 when part of a head had arrived)
 * @param idleTimeout a kept-alive connection with nothing in flight and no byte of a next request
 *     is closed this long after its last response was written
 * @param writeTimeout a connection with response bytes queued that the client has not taken any of
 *     for this long is closed
 * @param maxConnections open API connections at most; at the cap a new connection makes room by
 *     closing the connection idle the longest (no request in flight), and is refused with 503
 *     only when none is idle
 * @param maxRequestsInFlight per event loop: requests received and not yet answered above which
 *     new requests are answered 503 {@code overloaded}
 * @param maxQueuedBytes per event loop: response bytes queued for slow clients above which new
 *     requests are answered 503 {@code overloaded}
 * @param sendBufferBytes each API connection's socket send buffer ({@code SO_SNDBUF}); 0 leaves it
 *     to the kernel, which grows it (to {@code net.ipv4.tcp_wmem}'s maximum, 4 MiB by default) and
 *     so takes whole responses from the server for clients that do not read them
 */
public record HttpLimits(
    Duration headerTimeout,
    Duration idleTimeout,
    Duration writeTimeout,
    int maxConnections,
    int maxRequestsInFlight,
    long maxQueuedBytes,
    int sendBufferBytes) {

  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
  /** Above the 90 s Go's and reqwest's connection pools keep an idle connection, so clients close first. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_REQUESTS_IN_FLIGHT = 512;
  public static final long DEFAULT_MAX_QUEUED_BYTES = 64L << 20;

  /** The status port's connection cap: probes and scrapes need a handful. */
  public static final int STATUS_MAX_CONNECTIONS = 128;

  /**
   * File descriptors kept from the API port: the status port's connections, the jar and its
   * files, git and registry connections, the event loops' selectors.
   */
  public static final int FD_RESERVE = STATUS_MAX_CONNECTIONS + 384;

  /**
   * The heap one connection may cost at worst, measured: a 4 KiB request line and 99 header
   * fields of 8 KiB held open cost 37 KiB (see the README, "The HTTP edge"); an idle one 8.5 KiB.
   */
  public static final long WORST_CONNECTION_HEAP_BYTES = 40L << 10;

  /** Header fields a request may carry; more is 431. */
  public static final int MAX_HEADER_FIELDS = 100;

  public HttpLimits {
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(writeTimeout, "writeTimeout");
    positive("headerTimeout", headerTimeout);
    positive("idleTimeout", idleTimeout);
    positive("writeTimeout", writeTimeout);
    if (maxConnections < 1 || maxRequestsInFlight < 1 || maxQueuedBytes < 1) {
      throw new IllegalArgumentException("connection, request and queue bounds must be at least 1");
    }
    if (sendBufferBytes < 0) {
      throw new IllegalArgumentException("the send buffer must be 0 (the kernel's) or more bytes");
    }
  }

  /** The defaults, with the connection cap {@linkplain #automaticMaxConnections() derived from this process}. */
  public static HttpLimits defaults() {
    return new HttpLimits(DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_WRITE_TIMEOUT,
        automaticMaxConnections(), DEFAULT_MAX_REQUESTS_IN_FLIGHT, DEFAULT_MAX_QUEUED_BYTES, 0);
  }

  public HttpLimits withTimeouts(Duration header, Duration idle, Duration write) {
    return new HttpLimits(header, idle, write, maxConnections, maxRequestsInFlight, maxQueuedBytes, sendBufferBytes);
  }

  public HttpLimits withMaxConnections(int max) {
    return new HttpLimits(headerTimeout, idleTimeout, writeTimeout, max, maxRequestsInFlight, maxQueuedBytes,
        sendBufferBytes);
  }

  public HttpLimits withShedding(int requestsInFlight, long queuedBytes) {
    return new HttpLimits(headerTimeout, idleTimeout, writeTimeout, maxConnections, requestsInFlight, queuedBytes,
        sendBufferBytes);
  }

  public HttpLimits withSendBuffer(int bytes) {
    return new HttpLimits(headerTimeout, idleTimeout, writeTimeout, maxConnections, maxRequestsInFlight,
        maxQueuedBytes, bytes);
  }

  /** This process's file-descriptor limit, when the platform tells it. */
  public static OptionalLong fileDescriptorLimit() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
      return OptionalLong.of(unix.getMaxFileDescriptorCount());
    }
    return OptionalLong.empty();
  }

  /** The most API connections the file-descriptor limit leaves room for, or empty when unknown. */
  public static OptionalLong maxConnectionsByFileDescriptors() {
    OptionalLong fds = fileDescriptorLimit();
    return fds.isPresent() ? OptionalLong.of(Math.max(1, fds.getAsLong() - FD_RESERVE)) : OptionalLong.empty();
  }

  /**
   * The default cap: the file-descriptor limit less {@link #FD_RESERVE}, and no more than a third
   * of the heap can hold at {@link #WORST_CONNECTION_HEAP_BYTES} each (2,457 for the 288 MiB heap
   * of a 384 MiB pod).
   */
  public static int automaticMaxConnections() {
    return automaticMaxConnections(maxConnectionsByFileDescriptors(), Runtime.getRuntime().maxMemory());
  }

  static int automaticMaxConnections(OptionalLong byFileDescriptors, long maxHeap) {
    long byHeap = maxHeap / (3 * WORST_CONNECTION_HEAP_BYTES);
    long cap = Math.min(byHeap, byFileDescriptors.orElse(Long.MAX_VALUE));
    return (int) Math.max(16, Math.min(cap, 1_000_000));
  }

  private static void positive(String name, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be longer than zero");
    }
  }
}
