package io.covington.server.cache;

/** Response caches for tests that build an API without a server's wiring. */
public final class TestCaches {

  private TestCaches() {}

  /** 1 MiB caches that render on the calling thread and record nothing. */
  public static ResponseCache.Settings inline() {
    return new ResponseCache.Settings(1 << 20, Runnable::run, new ResponseCache.Recorder() {
      @Override
      public void cacheRequests(String api, boolean hit, int count) {}

      @Override
      public void cacheEvictions(String api, int count) {}
    });
  }
}
