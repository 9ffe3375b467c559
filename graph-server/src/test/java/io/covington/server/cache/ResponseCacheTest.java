package io.covington.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.input.LoadProblem;
import io.covington.graph.snapshot.Snapshot;
import io.covington.server.reload.Served;
import io.covington.server.reload.Served.Generation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each snapshot's bodies, kept with it in {@link Served} as the APIs keep them. */
class ResponseCacheTest {

  /** A snapshot whose bodies are its name followed by the key. */
  private record Named(String name) implements Snapshot {
    byte[] render(String key) {
      return (name + ":" + key).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String revision() {
      return name;
    }

    @Override
    public Instant builtAt() {
      return Instant.EPOCH;
    }

    @Override
    public List<LoadProblem> problems() {
      return List.of();
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

  private final Served<Named> served = new Served<>();
  private final Served.PerSnapshot<Named, ResponseCache<String>> caches =
      served.perSnapshot(s -> new ResponseCache.Settings(1 << 20, Runnable::run, recorder).create("test"));

  /** Publishes {@code snapshot} and returns its generation, as a request reads it. */
  private Generation<Named> publish(Named snapshot) {
    served.publish(snapshot);
    return served.current().orElseThrow();
  }

  private String get(Generation<Named> generation, String key) {
    return generation.get(caches).get(key, () -> {
      renders.incrementAndGet();
      return generation.snapshot().render(key);
    }).join().identity().toString(StandardCharsets.UTF_8);
  }

  private int count(String result) {
    return counts.getOrDefault(result, new AtomicInteger()).get();
  }

  @Test
  void rendersOncePerSnapshotAndKey() {
    Generation<Named> one = publish(new Named("one"));

    assertThat(get(one, "a")).isEqualTo("one:a");
    assertThat(get(one, "a")).isEqualTo("one:a");
    assertThat(get(one, "b")).isEqualTo("one:b");

    assertThat(renders).hasValue(2);
    assertThat(count("hit")).isEqualTo(1);
    assertThat(count("miss")).isEqualTo(2);
  }

  @Test
  void afterAPublishNoBodyOfTheOldSnapshotIsServed() {
    Generation<Named> one = publish(new Named("one"));
    get(one, "a");

    Generation<Named> two = publish(new Named("two"));

    assertThat(get(two, "a")).isEqualTo("two:a");
    assertThat(served.current().orElseThrow().get(caches).size()).isEqualTo(1);
  }

  @Test
  void aRequestStillHoldingTheOldSnapshotIsAnsweredFromIt() {
    Generation<Named> one = publish(new Named("one"));
    Generation<Named> two = publish(new Named("two"));

    assertThat(get(one, "a")).isEqualTo("one:a");
    assertThat(get(two, "a")).isEqualTo("two:a");
    assertThat(get(two, "a")).isEqualTo("two:a");
    assertThat(renders).hasValue(2);
  }

  @Test
  void sameContentInANewSnapshotKeepsItsEtag() {
    Generation<Named> first = publish(new Named("same"));
    String before = first.get(caches).get("a", () -> first.snapshot().render("a")).join().etag();

    Generation<Named> second = publish(new Named("same"));
    String after = second.get(caches).get("a", () -> second.snapshot().render("a")).join().etag();

    assertThat(after).isEqualTo(before);
    assertThat(count("miss")).isEqualTo(2);
  }

  @Test
  void staysWithinItsBoundAndCountsEvictions() {
    ResponseCache<String> small = new ResponseCache.Settings(4096, Runnable::run, recorder).create("test");
    Named one = new Named("x".repeat(1000));
    for (int i = 0; i < 20; i++) {
      String key = Integer.toString(i);
      small.get(key, () -> one.render(key)).join();
    }
    small.get("cleanup", () -> one.render("cleanup")).join();

    assertThat(small.size()).isLessThan(20);
    assertThat(count("eviction")).isPositive();
  }
}
