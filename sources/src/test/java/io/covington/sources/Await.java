package io.covington.sources;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or a timeout passes. */
public final class Await {

  private Await() {}

  public static void until(Duration timeout, String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
      }
      Thread.sleep(50);
    }
  }
}
