package io.covington.server.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Rendered responses of one API, per snapshot: a bounded Caffeine cache (by bytes held) that
 * belongs to exactly one snapshot and is replaced, whole, when a new snapshot is {@linkplain
 * #publish published}. A request asks with the snapshot it read, so a response rendered from an
 * old snapshot is never served after the new one is published, and a request still holding the
 * old snapshot renders without caching.
 *
 * <p>Misses render on {@code renderExecutor} (a worker pool, never the event loop: rendering and
 * compressing the largest channel takes milliseconds); concurrent requests for the same key
 * share one render. A hit is a hash lookup returning a completed future.
 *
 * @param <S> the snapshot type, compared by identity
 * @param <K> the key of a body within one snapshot (a value with equals and hashCode)
 */
public final class ResponseCache<S, K> {

  /** Where cache outcomes are counted (Prometheus in production). */
  public interface Recorder {
    void cacheRequests(String api, boolean hit, int count);

    void cacheEvictions(String api, int count);
  }

  private record Generation<S, K>(S snapshot, AsyncCache<K, RenderedResponse> cache) {}

  private final String api;
  private final long maxBytes;
  private final Executor renderExecutor;
  private final Recorder recorder;
  private final AtomicReference<Generation<S, K>> current = new AtomicReference<>();

  /**
   * @param api the API label of the metrics
   * @param maxBytes bound of the bytes held for one snapshot
   * @param renderExecutor where misses render
   */
  public ResponseCache(String api, long maxBytes, Executor renderExecutor, Recorder recorder) {
    this.api = api;
    this.maxBytes = maxBytes;
    this.renderExecutor = renderExecutor;
    this.recorder = recorder;
  }

  /** Starts serving {@code snapshot}: drops every response of the previous one. */
  public void publish(S snapshot) {
    Generation<S, K> previous = current.get();
    if (previous != null && previous.snapshot() == snapshot) {
      return;
    }
    current.set(new Generation<>(snapshot, Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .<K, RenderedResponse>weigher((key, value) -> value.weight())
        .executor(renderExecutor)
        .recordStats(() -> new Counter())
        .buildAsync()));
  }

  /**
   * The response for {@code key} in {@code snapshot}, rendered by {@code render} on a miss. The
   * future is already complete on a hit.
   */
  public CompletableFuture<RenderedResponse> get(S snapshot, K key, Supplier<byte[]> render) {
    Generation<S, K> generation = current.get();
    if (generation == null || generation.snapshot() != snapshot) {
      // This request read a snapshot that is not (or no longer, or not yet) the cached one.
      recorder.cacheRequests(api, false, 1);
      return CompletableFuture.supplyAsync(() -> RenderedResponse.of(render.get()), renderExecutor);
    }
    return generation.cache().get(key, (k, executor) ->
        CompletableFuture.supplyAsync(() -> RenderedResponse.of(render.get()), executor));
  }

  /** Entries held for the current snapshot (approximate), for tests. */
  public long size() {
    Generation<S, K> generation = current.get();
    return generation == null ? 0 : generation.cache().synchronous().estimatedSize();
  }

  /** Bridges Caffeine's statistics to the recorder. */
  private final class Counter implements StatsCounter {
    @Override
    public void recordHits(int count) {
      recorder.cacheRequests(api, true, count);
    }

    @Override
    public void recordMisses(int count) {
      recorder.cacheRequests(api, false, count);
    }

    @Override
    public void recordLoadSuccess(long loadTime) {}

    @Override
    public void recordLoadFailure(long loadTime) {}

    @Override
    public void recordEviction(int weight, RemovalCause cause) {
      recorder.cacheEvictions(api, 1);
    }

    @Override
    public CacheStats snapshot() {
      return CacheStats.empty();
    }
  }
}
