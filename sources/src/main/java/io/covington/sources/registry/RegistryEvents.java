package io.covington.sources.registry;

import java.util.List;

/** What the registry sources report as they work, for metrics; the server counts them in Prometheus. */
public interface RegistryEvents {

  /** Reports nothing. */
  RegistryEvents NONE = new RegistryEvents() {};

  /** A scrape listed every repository: what each one saw, and how long it took. */
  default void scraped(List<ScrapeStats> stats, double seconds) {}

  /** A scrape could not list a repository. */
  default void scrapeFailed(double seconds) {}

  /** A registry request failed or an image was unusable, by kind (e.g. {@code unreachable}). */
  default void error(String kind) {}
}
