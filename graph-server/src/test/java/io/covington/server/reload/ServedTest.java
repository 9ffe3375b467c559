package io.covington.server.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.input.LoadProblem;
import io.covington.graph.snapshot.Snapshot;
import io.covington.server.reload.Served.Warm;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * When a published snapshot starts to be served relative to the warming of its values: a request
 * must never wait for a reload's warm-up, and a reload must never serve a cold snapshot in place of
 * a warm one.
 */
class ServedTest {

  private record Named(String revision) implements Snapshot {
    @Override
    public Instant builtAt() {
      return Instant.EPOCH;
    }

    @Override
    public List<LoadProblem> problems() {
      return List.of();
    }
  }

  /** A warm step that blocks until released, and says when it started. */
  private static final class Gate {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    void pass() {
      started.countDown();
      try {
        assertThat(release.await(10, TimeUnit.SECONDS)).as("gate released").isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String served(Served<Named> served) {
    return served.snapshot().map(Named::revision).orElse("nothing");
  }

  @Test
  void theFirstSnapshotIsServedBeforeItsBodiesAreWarmAndRequestsComputeWhatTheyAsk() throws Exception {
    Served<Named> served = new Served<>();
    Gate gate = new Gate();
    AtomicInteger derived = new AtomicInteger();
    Served.PerSnapshot<Named, String> body =
        served.perSnapshot(s -> s.revision() + "#" + derived.incrementAndGet(), (s, value) -> gate.pass());

    CompletableFuture<Long> publishing = CompletableFuture.supplyAsync(() -> served.publish(new Named("r1")));
    assertThat(gate.started.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(served(served)).as("served while its warm-up runs").isEqualTo("r1");
    assertThat(served.current().orElseThrow().get(body))
        .as("the value a request asks for is the one the warm-up uses, computed once")
        .isEqualTo("r1#1");
    gate.release.countDown();
    publishing.get(10, TimeUnit.SECONDS);
    assertThat(derived).hasValue(1);
  }

  @Test
  void aLaterSnapshotIsServedOnlyOnceItsBodiesAreWarm() throws Exception {
    Served<Named> served = new Served<>();
    Gate gate = new Gate();
    AtomicInteger warmed = new AtomicInteger();
    served.perSnapshot(
        Named::revision,
        (s, value) -> {
          if (warmed.incrementAndGet() == 2) {
            gate.pass();
          }
        });
    served.publish(new Named("r1"));

    CompletableFuture<Long> publishing = CompletableFuture.supplyAsync(() -> served.publish(new Named("r2")));
    assertThat(gate.started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(served(served)).as("the old snapshot stays served while the new one warms").isEqualTo("r1");
    assertThat(publishing).isNotDone();

    gate.release.countDown();
    publishing.get(10, TimeUnit.SECONDS);
    assertThat(served(served)).isEqualTo("r2");
  }

  @Test
  void valuesWarmedAfterPublicationDoNotHoldBackTheSwapAndPublishSaysWhenItWasServed() throws Exception {
    Served<Named> served = new Served<>();
    served.publish(new Named("r1"));
    Gate gate = new Gate();
    AtomicInteger published = new AtomicInteger();
    served.onPublish(s -> published.incrementAndGet());
    Served.PerSnapshot<Named, String> index =
        served.perSnapshot(Named::revision, (s, value) -> gate.pass(), Warm.AFTER_PUBLICATION);

    long before = System.nanoTime();
    CompletableFuture<Long> publishing = CompletableFuture.supplyAsync(() -> served.publish(new Named("r2")));
    assertThat(gate.started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(served(served)).as("served before the path index is warm").isEqualTo("r2");
    assertThat(published).as("listeners (metrics) heard of it before the warm-up").hasValue(1);
    assertThat(served.current().orElseThrow().get(index)).isEqualTo("r2");
    assertThat(publishing).isNotDone();

    gate.release.countDown();
    long servedAt = publishing.get(10, TimeUnit.SECONDS);
    assertThat(servedAt).isBetween(before, System.nanoTime());
  }
}
