package io.covington.server.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The rendered responses of one API for one snapshot: a bounded Caffeine cache (by bytes held).
 * One is made per snapshot and held with it (a per-snapshot value of {@code Served}), so a body
 * rendered from an old snapshot is never served from the new one, and an old snapshot's cache goes
 * when the last request holding it ends.
 *
 * <p>Misses render on the settings' executor (a worker pool, never the event loop: rendering and
 * compressing the largest channel takes milliseconds); concurrent requests for the same key share
 * one render. A hit is a hash lookup returning a completed future.
 *
 * @param <K> the key of a body within the snapshot (a value with equals and hashCode)
 */
public final class ResponseCache<K> {

  /** Where cache outcomes are counted (Prometheus in production). */
  public interface Recorder {
    void cacheRequests(String api, boolean hit, int count);

    void cacheEvictions(String api, int count);
  }

  /**
   * How the caches are made.
   *
   * @param maxBytes bound of the bytes one cache holds
   * @param renderExecutor where misses render
   * @param recorder where hits, misses and evictions are counted
   */
  public record Settings(long maxBytes, Executor renderExecutor, Recorder recorder) {
    public Settings {
      Objects.requireNonNull(renderExecutor, "renderExecutor");
      Objects.requireNonNull(recorder, "recorder");
    }

    /** A new, empty cache whose outcomes are counted under {@code api}. */
    public <K> ResponseCache<K> create(String api) {
      return new ResponseCache<>(api, this);
    }
  }

  private final String api;
  private final Settings settings;
  private final AsyncCache<K, RenderedResponse> cache;

  private ResponseCache(String api, Settings settings) {
    this.api = api;
    this.settings = settings;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(settings.maxBytes())
        .<K, RenderedResponse>weigher((key, value) -> value.weight())
        .executor(settings.renderExecutor())
        .recordStats(Counter::new)
        .buildAsync();
  }

  /** The response for {@code key}, rendered by {@code render} on a miss; already complete on a hit. */
  public CompletableFuture<RenderedResponse> get(K key, Supplier<byte[]> render) {
    return cache.get(key, (k, executor) -> CompletableFuture.supplyAsync(() -> RenderedResponse.of(render.get()), executor));
  }

  /**
   * The response for {@code key}, rendered on {@code executor} on a miss (a pool of its own for
   * costly queries); a render that fails is not kept.
   */
  public CompletableFuture<RenderedResponse> get(K key, Supplier<byte[]> render, Executor executor) {
    return cache.get(key, (k, ignored) -> CompletableFuture.supplyAsync(() -> RenderedResponse.of(render.get()), executor));
  }

  /** Entries held (approximate), for tests. */
  public long size() {
    return cache.synchronous().estimatedSize();
  }

  /** Bridges Caffeine's statistics to the recorder. */
  private final class Counter implements StatsCounter {
    @Override
    public void recordHits(int count) {
      settings.recorder().cacheRequests(api, true, count);
    }

    @Override
    public void recordMisses(int count) {
      settings.recorder().cacheRequests(api, false, count);
    }

    @Override
    public void recordLoadSuccess(long loadTime) {}

    @Override
    public void recordLoadFailure(long loadTime) {}

    @Override
    public void recordEviction(int weight, RemovalCause cause) {
      settings.recorder().cacheEvictions(api, 1);
    }

    @Override
    public CacheStats snapshot() {
      return CacheStats.empty();
    }
  }
}
