package io.covington.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection as the edge sees it, from two Netty handlers around Vert.x's HTTP codec: {@link
 * #bytes} before the decoder (bytes arriving, response bytes queued and taken by the socket) and
 * {@link #messages} after it (request heads decoded, responses ended). All on the connection's
 * event loop.
 *
 * <pre>
 * connect ──► AWAITING_HEAD ──head──► BUSY ──response written, nothing queued──► IDLE
 *               │ header timeout       │ write timeout                            │ a byte ──► READING_HEAD ──head──► BUSY
 *               ▼                      ▼                                          ▼ idle timeout   │ header timeout
 *             closed (408 if part    closed                                     closed           ▼
 *             of a head arrived)                                                                 closed (408)
 * </pre>
 *
 * A connection not BUSY has no request in flight: it is on its loop's list, which the connection
 * cap closes from the oldest.
 */
final class EdgeConnection {

  enum State {
    AWAITING_HEAD,
    READING_HEAD,
    BUSY,
    IDLE
  }

  final Edge edge;
  final EdgeLoop loop;
  final Channel channel;
  final ChannelDuplexHandler bytes = new Bytes();
  final ChannelDuplexHandler messages = new Messages();

  // The loop's list of connections with nothing in flight.
  boolean listed;
  EdgeConnection older;
  EdgeConnection newer;

  private State state = State.AWAITING_HEAD;
  /** Request heads decoded whose response has not ended (pipelined requests wait in Vert.x). */
  private int outstanding;
  /** Response bytes written to the channel that the socket has not taken yet. */
  private long pending;
  /** Whether bytes arrived since the last head, i.e. a next request has begun. */
  private boolean bytesSinceHead;
  private boolean headBytes;
  private boolean closing;
  private boolean closed;
  private ScheduledFuture<?> timer;
  // Write progress, sampled by the write watch.
  private long lastProgressNanos;
  private long sampledPending;
  private long sampledProgress;
  private Object sampledMessage;

  EdgeConnection(Edge edge, EdgeLoop loop, Channel channel) {
    this.edge = edge;
    this.loop = loop;
    this.channel = channel;
  }

  /** The connection is set up: waits for its first request head. */
  void start() {
    loop.listIdle(this);
    arm(edge.limits().headerTimeout().toNanos(), this::headerTimedOut);
  }

  boolean busy() {
    return state == State.BUSY;
  }

  long pending() {
    return pending;
  }

  private void bytesReceived() {
    if (state == State.IDLE) {
      state = State.READING_HEAD;
      headBytes = true;
      arm(edge.limits().headerTimeout().toNanos(), this::headerTimedOut);
    } else if (state == State.AWAITING_HEAD || state == State.READING_HEAD) {
      headBytes = true;
    } else {
      bytesSinceHead = true;
    }
  }

  private void headReceived() {
    if (closed) {
      // Netty reports a head cut short by the close as a (failed) request after the close.
      return;
    }
    outstanding++;
    loop.requestsInFlight++;
    bytesSinceHead = false;
    headBytes = false;
    if (state != State.BUSY) {
      state = State.BUSY;
      loop.unlist(this);
      cancelTimer();
    }
  }

  private void responseEnded() {
    if (outstanding > 0) {
      outstanding--;
      loop.requestsInFlight--;
    }
    settle();
  }

  private void queued(int n) {
    pending += n;
    loop.queuedBytes += n;
    if (pending == n && !closed && state == State.BUSY) {
      lastProgressNanos = System.nanoTime();
      sampledMessage = null;
      arm(watchInterval(), this::watchWrites);
    }
  }

  private void taken(int n) {
    pending -= n;
    loop.queuedBytes -= n;
    lastProgressNanos = System.nanoTime();
    if (pending == 0) {
      cancelTimer();
      settle();
    }
  }

  /** From BUSY to waiting for the next request once everything is answered and written. */
  private void settle() {
    if (closing || closed || state != State.BUSY || outstanding > 0 || pending > 0) {
      return;
    }
    loop.listIdle(this);
    if (bytesSinceHead) {
      state = State.READING_HEAD;
      headBytes = true;
      arm(edge.limits().headerTimeout().toNanos(), this::headerTimedOut);
    } else {
      state = State.IDLE;
      arm(edge.limits().idleTimeout().toNanos(), this::idleTimedOut);
    }
  }

  private void headerTimedOut() {
    if (state != State.AWAITING_HEAD && state != State.READING_HEAD) {
      return;
    }
    if (headBytes) {
      answerAndClose(Edge.REQUEST_TIMEOUT, "header_timeout");
    } else {
      closeByPolicy("header_timeout");
    }
  }

  private void idleTimedOut() {
    if (state == State.IDLE) {
      closeByPolicy("idle");
    }
  }

  private long watchInterval() {
    return Math.max(TimeUnit.MILLISECONDS.toNanos(50), edge.limits().writeTimeout().toNanos() / 4);
  }

  /** While bytes are queued: closes the connection once the client has taken none for the write timeout. */
  private void watchWrites() {
    timer = null;
    if (closed || pending == 0) {
      return;
    }
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    long progress = buffer == null ? 0 : buffer.currentProgress();
    Object current = buffer == null ? null : buffer.current();
    if (pending != sampledPending || progress != sampledProgress || current != sampledMessage) {
      sampledPending = pending;
      sampledProgress = progress;
      sampledMessage = current;
      lastProgressNanos = System.nanoTime();
    }
    if (System.nanoTime() - lastProgressNanos >= edge.limits().writeTimeout().toNanos()) {
      if (closing) {
        closeNow();
      } else {
        closeByPolicy("write_timeout");
      }
    } else {
      arm(watchInterval(), this::watchWrites);
    }
  }

  /** Closes the connection for {@code reason} (idle, header_timeout, write_timeout, cap), counted. */
  void closeByPolicy(String reason) {
    if (closing || closed) {
      return;
    }
    closing = true;
    loop.unlist(this);
    cancelTimer();
    edge.recorder().connectionClosed(edge.port(), reason);
    closeNow();
  }

  /**
   * Closes the socket at once. From the pipeline's head side: a close from the tail would go
   * through Vert.x, which first waits for everything written to be flushed, for ever if the client
   * does not read.
   */
  private void closeNow() {
    ChannelHandlerContext ctx = channel.pipeline().context(bytes);
    if (ctx == null) {
      channel.close();
    } else {
      ctx.close();
    }
  }

  /** Writes {@code response} (a complete HTTP/1.1 response that says Connection: close), then closes. */
  void answerAndClose(byte[] response, String reason) {
    if (closing || closed) {
      return;
    }
    closing = true;
    if (reason != null) {
      edge.recorder().connectionClosed(edge.port(), reason);
    }
    state = State.BUSY;
    loop.unlist(this);
    cancelTimer();
    ChannelHandlerContext ctx = channel.pipeline().context(bytes);
    ByteBuf body = Unpooled.wrappedBuffer(response);
    (ctx == null ? channel.writeAndFlush(body) : ctx.writeAndFlush(body)).addListener(written -> closeNow());
  }

  /** The connection is closed, whoever closed it. */
  void closed() {
    closed = true;
    loop.unlist(this);
    cancelTimer();
    loop.requestsInFlight -= outstanding;
    outstanding = 0;
    edge.connectionClosed();
  }

  private void arm(long nanos, Runnable action) {
    cancelTimer();
    if (!closed) {
      timer = channel.eventLoop().schedule(action, nanos, TimeUnit.NANOSECONDS);
    }
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  /** Before the decoder: raw bytes in, encoded response bytes out. */
  private final class Bytes extends ChannelDuplexHandler {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf buf && buf.isReadable()) {
        bytesReceived();
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      int n = msg instanceof ByteBuf buf ? buf.readableBytes() : 0;
      if (n == 0) {
        ctx.write(msg, promise);
        return;
      }
      ChannelPromise counted = promise.unvoid();
      counted.addListener(done -> taken(n));
      queued(n);
      ctx.write(msg, counted);
    }
  }

  /** After the codec: request heads in, response ends out. */
  private final class Messages extends ChannelDuplexHandler {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest) {
        headReceived();
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
        ctx.write(msg, promise);
        return;
      }
      boolean ends = msg instanceof LastHttpContent;
      ctx.write(msg, promise);
      if (ends) {
        responseEnded();
      }
    }
  }
}
