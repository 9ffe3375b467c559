package io.covington.server.cache;

/** Response caches for tests that build an API without a server's wiring. */
public final class TestCaches {

  private TestCaches() {}

  /** A 1 MiB cache that renders on the calling thread and records nothing. */
  public static <S, K> ResponseCache<S, K> inline() {
    return new ResponseCache<>("test", 1 << 20, Runnable::run, new ResponseCache.Recorder() {
      @Override
      public void cacheRequests(String api, boolean hit, int count) {}

      @Override
      public void cacheEvictions(String api, int count) {}
    });
  }
}
