package io.covington.server.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.coreos.CoreOsStreams;
import io.covington.sources.Await;
import io.covington.sources.CoreOsLoader;
import io.covington.sources.LoadResult.Outcome;
import io.covington.sources.Source;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When a product is reloaded: never two attempts at once, bursts folded, failures survived. */
class ReloaderTest {

  /** CoreOS streams whose every update is slow and names a new revision; counts overlapping updates. */
  private static final class SlowStreams implements Source<CoreOsSnapshot> {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final AtomicInteger updates = new AtomicInteger();
    final AtomicInteger failNext = new AtomicInteger();
    private final CoreOsSnapshot streams = CoreOsStreams.loadBundled();
    private volatile String revision;

    @Override
    public String update() throws InterruptedException {
      int now = running.incrementAndGet();
      mostAtOnce.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(150);
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          throw new IllegalStateException("the stream server fell over");
        }
        revision = "r" + updates.incrementAndGet();
        return revision;
      } finally {
        running.decrementAndGet();
      }
    }

    @Override
    public CoreOsSnapshot read() {
      return streams.withRevision(revision);
    }

    @Override
    public String location() {
      return "slow streams";
    }
  }

  private static Reloader<CoreOsSnapshot> reloader(SlowStreams streams, Served<CoreOsSnapshot> served, List<String> published,
      Duration interval) {
    return new Reloader<>("CoreOS streams", new CoreOsLoader(streams), served,
        new Reloader.Policy(false, Optional.of(interval), Reloader.FirstLoad.RETRY),
        new Reloader.Events<>() {
          @Override
          public void attempted(Outcome outcome, Optional<Double> seconds) {}

          @Override
          public void published(CoreOsSnapshot snapshot, double loadSeconds) {
            published.add(snapshot.revision());
          }
        },
        (snapshot, millis) -> List.of());
  }

  @Test
  void attemptsSlowerThanTheIntervalNeverOverlapAndPublishInOrder() throws Exception {
    SlowStreams streams = new SlowStreams();
    Served<CoreOsSnapshot> served = new Served<>();
    List<String> published = new CopyOnWriteArrayList<>();
    try (Reloader<CoreOsSnapshot> reloader = reloader(streams, served, published, Duration.ofMillis(10))) {
      reloader.start().get(10, TimeUnit.SECONDS);
      for (int i = 0; i < 20; i++) {
        reloader.trigger();
        reloader.reloadIfChanged();
        Thread.sleep(20);
      }
      Await.until(Duration.ofSeconds(15), "six attempts", () -> streams.updates.get() >= 6);
    }

    assertThat(streams.mostAtOnce.get()).as("updates running at once").isEqualTo(1);
    assertThat(published).hasSizeGreaterThanOrEqualTo(6);
    for (int i = 1; i < published.size(); i++) {
      assertThat(Integer.parseInt(published.get(i).substring(1)))
          .as("published after " + published.get(i - 1)).isGreaterThan(Integer.parseInt(published.get(i - 1).substring(1)));
    }
    assertThat(served.snapshot().orElseThrow().revision()).isEqualTo(published.get(published.size() - 1));
  }

  @Test
  void aBurstOfTriggersIsOneAttempt() throws Exception {
    SlowStreams streams = new SlowStreams();
    Served<CoreOsSnapshot> served = new Served<>();
    List<String> published = new CopyOnWriteArrayList<>();
    try (Reloader<CoreOsSnapshot> reloader = reloader(streams, served, published, Duration.ofHours(1))) {
      reloader.start().get(10, TimeUnit.SECONDS);
      for (int i = 0; i < 50; i++) {
        reloader.trigger();
      }
      Await.until(Duration.ofSeconds(10), "the triggered attempt", () -> streams.updates.get() == 2);
      Thread.sleep(Reloader.DEBOUNCE_MILLIS * 3);
    }

    assertThat(streams.updates.get()).isEqualTo(2);
    assertThat(published).containsExactly("r1", "r2");
  }

  @Test
  void anAttemptThatThrowsIsReportedAndTheNextOneStillRuns() throws Exception {
    SlowStreams streams = new SlowStreams();
    Served<CoreOsSnapshot> served = new Served<>();
    List<String> published = new CopyOnWriteArrayList<>();
    try (Reloader<CoreOsSnapshot> reloader = reloader(streams, served, published, Duration.ofHours(1))) {
      reloader.start().get(10, TimeUnit.SECONDS);
      streams.failNext.set(1);

      assertThat(reloader.reloadIfChanged().get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.ERROR);
      assertThat(served.status().failing()).isTrue();
      assertThat(served.status().lastFailure().orElseThrow().reason()).contains("the stream server fell over")
          .contains("still serving revision r1");
      assertThat(reloader.reloadIfChanged().get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.PUBLISHED);
    }

    assertThat(served.snapshot().orElseThrow().revision()).isEqualTo("r2");
    assertThat(served.status().failing()).isFalse();
  }
}
