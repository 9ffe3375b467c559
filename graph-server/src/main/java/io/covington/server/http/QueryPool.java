package io.covington.server.http;

import io.vertx.core.http.HttpHeaders;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where costly read-only queries (paths, explanations, blocked-edges bodies) are computed: a few
 * threads of their own (half the cores, at least one) and a short queue, so a client hammering
 * them can take no more than that share of the machine from graph pollers, whose bodies come from
 * the caches. A query that finds the queue full is answered 503 {@code overloaded} with {@code
 * Retry-After} at once.
 */
public final class QueryPool implements Executor {

  /** Queries waiting for a thread before new ones are refused. */
  static final int QUEUE = 64;

  private static final int RETRY_AFTER_SECONDS = 1;

  private final ThreadPoolExecutor pool;

  /** Half the cores, at least one thread. */
  public QueryPool() {
    this(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
  }

  /** {@code threads} threads (at least one) and the standard queue. */
  public QueryPool(int threads) {
    AtomicInteger n = new AtomicInteger();
    pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
      Thread thread = new Thread(runnable, "covington-query-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    pool.allowCoreThreadTimeOut(true);
  }

  /**
   * Runs {@code task} on the pool.
   *
   * @throws ClientError 503 {@code overloaded} when the queue is full
   */
  @Override
  public void execute(Runnable task) {
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      throw new ClientError(new ApiError(503, "overloaded",
          "too many path, explain and blocked-edges queries at once; retry after " + RETRY_AFTER_SECONDS + " s"),
          HttpHeaders.RETRY_AFTER.toString(), Integer.toString(RETRY_AFTER_SECONDS));
    }
  }

  /** Stops the threads. */
  public void close() {
    pool.shutdownNow();
  }
}
