package io.covington.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hardened HTTP edge of one port: what every connection and request passes before a route.
 *
 * <ul>
 *   <li><b>Timeouts</b> ({@link HttpLimits}): a request head must be complete within the header
 *       timeout of the connection opening (or of a further request's first byte), which defeats
 *       slowloris; a kept-alive connection with nothing to do is closed after the idle timeout; a
 *       client that takes none of its queued response for the write timeout is cut off.
 *   <li><b>A connection cap</b> below the file-descriptor limit: at the cap a new connection
 *       closes the connection that has had nothing in flight the longest (idle keep-alive, or no
 *       complete head yet) on its event loop, and is refused with 503 only when there is none, so
 *       held connections cannot lock out a new client, nor, through the descriptors, the status
 *       port.
 *   <li><b>Shedding</b> (the API port): a request arriving while its event loop has more requests
 *       in flight or more response bytes queued than allowed, or while its own connection has more
 *       queued than the socket takes (a pipelining client that does not read), is answered 503
 *       {@code overloaded} with {@code Retry-After} and its connection closed.
 *   <li><b>Protocol errors as JSON</b>: malformed requests (400 {@code bad_request}), framing a
 *       proxy could read otherwise (400 {@code invalid_framing}, see {@link EdgeDecoder}), long
 *       request lines (414), large heads (431) and HTTP versions other than 1.x (505) are answered
 *       {@code {"kind","value"}} with {@code Connection: close}, and counted, never logged.
 *   <li><b>HTTP/1.1 only</b>: no h2c, neither by prior knowledge nor by {@code Upgrade}.
 * </ul>
 *
 * <p>The connection-level parts are Netty handlers put into each connection's pipeline, reached
 * through Vert.x's implementation class {@link ConnectionBase} (Vert.x has no public way to add
 * handlers to an HTTP server's pipeline); this class is the one place that does so.
 */
public final class Edge {

  /** Where the edge's counts go. */
  public interface Recorder {
    /** A connection opened (+1) or closed (-1) on {@code port} ({@code api}, {@code status}). */
    void connections(String port, int delta);

    /** The edge closed a connection: {@code idle}, {@code header_timeout}, {@code write_timeout}, {@code cap}. */
    void connectionClosed(String port, String reason);

    /** A request or connection was answered 503 {@code overloaded} for {@code reason}. */
    void shed(String reason);

    /** A request was refused before routing, as {@code kind} (e.g. {@code bad_request}). */
    void invalidRequest(String port, String kind);
  }

  /** Seconds a shed client is asked to wait. */
  static final int RETRY_AFTER_SECONDS = 5;

  static final byte[] REQUEST_TIMEOUT = rawResponse(408, "Request Timeout", "",
      new ApiError(408, "request_timeout", "the request head did not arrive in time; the connection is closed"));
  static final byte[] CONNECTIONS_FULL = rawResponse(503, "Service Unavailable",
      "Retry-After: " + RETRY_AFTER_SECONDS + "\r\n",
      new ApiError(503, "overloaded", "the server holds as many connections as it can and none is idle; retry after "
          + RETRY_AFTER_SECONDS + " s"));

  private static final Logger LOG = LoggerFactory.getLogger(Edge.class);
  private static final AttributeKey<EdgeConnection> CONNECTION = AttributeKey.valueOf("covington.edge");

  private final String port;
  private final HttpLimits limits;
  private final int maxConnections;
  private final boolean shed;
  private final HttpServerOptions options;
  private final Recorder recorder;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<EventLoop, EdgeLoop> loops = new ConcurrentHashMap<>();

  private Edge(String port, HttpLimits limits, int maxConnections, boolean shed, HttpServerOptions options,
      Recorder recorder) {
    this.port = port;
    this.limits = limits;
    this.maxConnections = maxConnections;
    this.shed = shed;
    this.options = options;
    this.recorder = recorder;
  }

  /** The API port's edge: {@code limits} as given, shedding on. */
  public static Edge api(HttpLimits limits, HttpServerOptions options, Recorder recorder) {
    return new Edge("api", limits, limits.maxConnections(), true, options, recorder);
  }

  /** The status port's edge: the same timeouts, {@link HttpLimits#STATUS_MAX_CONNECTIONS}, no shedding. */
  public static Edge status(HttpLimits limits, HttpServerOptions options, Recorder recorder) {
    return new Edge("status", limits, HttpLimits.STATUS_MAX_CONNECTIONS, false, options, recorder);
  }

  /** The options every server of the edge is created with: {@code base} with h2c off. */
  public static HttpServerOptions options(HttpServerOptions base) {
    return new HttpServerOptions(base).setHttp2ClearTextEnabled(false);
  }

  /** The API port's options: {@link #options} and the socket send buffer of {@code limits}. */
  public static HttpServerOptions apiOptions(HttpServerOptions base, HttpLimits limits) {
    HttpServerOptions options = options(base);
    if (limits.sendBufferBytes() > 0) {
      options.setSendBufferSize(limits.sendBufferBytes());
    }
    return options;
  }

  /** Puts the edge in front of {@code handler} on {@code server} (before it listens). */
  public HttpServer install(HttpServer server, Handler<HttpServerRequest> handler) {
    return server
        .connectionHandler(this::accept)
        .invalidRequestHandler(this::refuse)
        .requestHandler(shed ? request -> shedOrHandle(request, handler) : handler);
  }

  /** Open connections on this port now. */
  public int connections() {
    return open.get();
  }

  String port() {
    return port;
  }

  HttpLimits limits() {
    return limits;
  }

  Recorder recorder() {
    return recorder;
  }

  private void accept(HttpConnection connection) {
    Channel channel = ((ConnectionBase) connection).channel();
    ChannelPipeline pipeline = channel.pipeline();
    EdgeLoop loop = loops.computeIfAbsent(channel.eventLoop(), l -> new EdgeLoop());
    EdgeConnection edge = new EdgeConnection(this, loop, channel);
    try {
      // Vert.x's HTTP/1.x pipeline: httpDecoder, httpEncoder, (webSocketExtensionHandler), handler.
      pipeline.replace("httpDecoder", "httpDecoder", new EdgeDecoder(options, HttpLimits.MAX_HEADER_FIELDS));
      pipeline.addBefore("httpDecoder", "covingtonEdgeBytes", edge.bytes);
      pipeline.addBefore("handler", "covingtonEdgeMessages", edge.messages);
    } catch (RuntimeException e) {
      // Not the pipeline this was written for: serve nothing unguarded.
      LOG.error("cannot guard the connection, closing it; Vert.x's pipeline is {}", pipeline.names(), e);
      channel.close();
      return;
    }
    channel.attr(CONNECTION).set(edge);
    int now = open.incrementAndGet();
    recorder.connections(port, 1);
    channel.closeFuture().addListener(closed -> edge.closed());
    edge.start();
    if (now > maxConnections) {
      EdgeConnection victim = loop.oldestIdle(edge);
      if (victim != null) {
        victim.closeByPolicy("cap");
      } else {
        recorder.shed("connections");
        edge.answerAndClose(CONNECTIONS_FULL, null);
      }
    }
  }

  void connectionClosed() {
    open.decrementAndGet();
    recorder.connections(port, -1);
  }

  private void shedOrHandle(HttpServerRequest request, Handler<HttpServerRequest> handler) {
    EdgeConnection edge = ((ConnectionBase) request.connection()).channel().attr(CONNECTION).get();
    String reason = edge == null ? null : shedReason(edge);
    if (reason == null) {
      handler.handle(request);
      return;
    }
    recorder.shed(reason);
    ApiError error = new ApiError(503, "overloaded",
        "the server is over capacity (" + reason.replace('_', ' ') + "); retry after " + RETRY_AFTER_SECONDS + " s");
    send(request.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS)), error);
    request.connection().close();
  }

  private String shedReason(EdgeConnection edge) {
    if (!edge.channel.isWritable()) {
      return "connection_write_queue";
    }
    if (edge.loop.queuedBytes > limits.maxQueuedBytes()) {
      return "write_queue";
    }
    if (edge.loop.requestsInFlight > limits.maxRequestsInFlight()) {
      return "in_flight";
    }
    return null;
  }

  /** Answers a request the decoder refused; Vert.x closes the connection once it is written. */
  private void refuse(HttpServerRequest request) {
    if (!((ConnectionBase) request.connection()).channel().isActive()) {
      // The client closed mid-head (Netty reports it as a malformed request): nobody to answer.
      return;
    }
    ApiError error = Rejected.answer(request.decoderResult());
    recorder.invalidRequest(port, error.kind());
    send(request.response(), error);
    request.connection().close();
  }

  private static void send(HttpServerResponse response, ApiError error) {
    byte[] body = error.toJson();
    response
        .setStatusCode(error.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, AcceptNegotiator.JSON)
        .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length))
        .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
        .end(Buffer.buffer(body));
  }

  private static byte[] rawResponse(int status, String reason, String headers, ApiError error) {
    byte[] body = error.toJson();
    String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + AcceptNegotiator.JSON
        + "\r\nContent-Length: " + body.length + "\r\n" + headers + "Connection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] response = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, response, 0, headBytes.length);
    System.arraycopy(body, 0, response, headBytes.length, body.length);
    return response;
  }
}
