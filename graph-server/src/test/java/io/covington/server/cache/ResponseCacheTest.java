package io.covington.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {

  /** A snapshot whose bodies are its name followed by the key. */
  private record Snapshot(String name) {
    byte[] render(String key) {
      return (name + ":" + key).getBytes(StandardCharsets.UTF_8);
    }
  }

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger renders = new AtomicInteger();

  private final ResponseCache.Recorder recorder = new ResponseCache.Recorder() {
    @Override
    public void cacheRequests(String api, boolean hit, int count) {
      counts.computeIfAbsent(hit ? "hit" : "miss", k -> new AtomicInteger()).addAndGet(count);
    }

    @Override
    public void cacheEvictions(String api, int count) {
      counts.computeIfAbsent("eviction", k -> new AtomicInteger()).addAndGet(count);
    }
  };

  private final ResponseCache<Snapshot, String> cache = new ResponseCache<>("test", 1 << 20, Runnable::run, recorder);

  private String get(Snapshot snapshot, String key) {
    return cache.get(snapshot, key, () -> {
      renders.incrementAndGet();
      return snapshot.render(key);
    }).join().identity().toString(StandardCharsets.UTF_8);
  }

  private int count(String result) {
    return counts.getOrDefault(result, new AtomicInteger()).get();
  }

  @Test
  void rendersOncePerSnapshotAndKey() {
    Snapshot one = new Snapshot("one");
    cache.publish(one);

    assertThat(get(one, "a")).isEqualTo("one:a");
    assertThat(get(one, "a")).isEqualTo("one:a");
    assertThat(get(one, "b")).isEqualTo("one:b");

    assertThat(renders).hasValue(2);
    assertThat(count("hit")).isEqualTo(1);
    assertThat(count("miss")).isEqualTo(2);
  }

  @Test
  void afterAPublishNoBodyOfTheOldSnapshotIsServed() {
    Snapshot one = new Snapshot("one");
    Snapshot two = new Snapshot("two");
    cache.publish(one);
    get(one, "a");

    cache.publish(two);

    assertThat(get(two, "a")).isEqualTo("two:a");
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void aRequestStillHoldingTheOldSnapshotIsRenderedButNotCached() {
    Snapshot one = new Snapshot("one");
    Snapshot two = new Snapshot("two");
    cache.publish(two);

    assertThat(get(one, "a")).isEqualTo("one:a");
    assertThat(get(two, "a")).isEqualTo("two:a");
    assertThat(get(two, "a")).isEqualTo("two:a");
    assertThat(renders).hasValue(2);
  }

  @Test
  void sameContentInANewSnapshotKeepsItsEtag() {
    Snapshot first = new Snapshot("same");
    Snapshot second = new Snapshot("same");
    cache.publish(first);
    String before = cache.get(first, "a", () -> first.render("a")).join().etag();

    cache.publish(second);
    String after = cache.get(second, "a", () -> second.render("a")).join().etag();

    assertThat(after).isEqualTo(before);
    assertThat(count("miss")).isEqualTo(2);
  }

  @Test
  void staysWithinItsBoundAndCountsEvictions() {
    ResponseCache<Snapshot, String> small = new ResponseCache<>("test", 4096, Runnable::run, recorder);
    Snapshot one = new Snapshot("x".repeat(1000));
    small.publish(one);
    for (int i = 0; i < 20; i++) {
      String key = Integer.toString(i);
      small.get(one, key, () -> one.render(key)).join();
    }
    small.get(one, "cleanup", () -> one.render("cleanup")).join();

    assertThat(small.size()).isLessThan(20);
    assertThat(count("eviction")).isPositive();
  }
}
