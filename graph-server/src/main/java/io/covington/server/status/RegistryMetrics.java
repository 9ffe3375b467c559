package io.covington.server.status;

import io.covington.sources.registry.RegistryEvents;
import io.covington.sources.registry.ScrapeStats;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import java.util.List;

/** The registry sources' Prometheus metrics, registered on the server's registry. */
public final class RegistryMetrics implements RegistryEvents {

  private final Gauge scrapeDuration;
  private final Gauge lastScrape;
  private final Gauge tags;
  private final Gauge releases;
  private final Counter cacheHits;
  private final Counter scrapeFailures;
  private final Counter errors;

  public RegistryMetrics(CollectorRegistry registry) {
    scrapeDuration = Gauge.build().name("covington_registry_scrape_duration_seconds")
        .help("How long the last registry scrape took (listing, manifests, layers).").register(registry);
    lastScrape = Gauge.build().name("covington_registry_last_scrape_timestamp_seconds")
        .help("When the last registry scrape that listed every repository finished, in Unix seconds.").register(registry);
    tags = Gauge.build().name("covington_registry_tags")
        .help("Tags of the last scrape by repository and outcome: seen, skipped (signatures, not releases), failed.")
        .labelNames("repository", "outcome").register(registry);
    releases = Gauge.build().name("covington_registry_releases")
        .help("Releases found in each repository by the last scrape.").labelNames("repository").register(registry);
    cacheHits = Counter.build().name("covington_registry_cache_hits_total")
        .help("Images whose release metadata came from the cache (by manifest digest) instead of their layers.")
        .register(registry);
    scrapeFailures = Counter.build().name("covington_registry_scrape_failures_total")
        .help("Scrapes that could not list a repository; the previous graph kept serving.").register(registry);
    errors = Counter.build().name("covington_registry_errors_total")
        .help("Failed registry requests and unusable images, by kind (retried requests count each time).")
        .labelNames("kind").register(registry);
  }

  /** For tests and tools that need no metrics. */
  public static RegistryMetrics unregistered() {
    return new RegistryMetrics(new CollectorRegistry());
  }

  @Override
  public void scraped(List<ScrapeStats> stats, double seconds) {
    scrapeDuration.set(seconds);
    lastScrape.setToCurrentTime();
    tags.clear();
    releases.clear();
    for (ScrapeStats s : stats) {
      tags.labels(s.repository(), "seen").set(s.tagsSeen());
      tags.labels(s.repository(), "skipped").set(s.tagsSkipped());
      tags.labels(s.repository(), "failed").set(s.tagsFailed());
      releases.labels(s.repository()).set(s.releases());
      cacheHits.inc(s.cacheHits());
    }
  }

  @Override
  public void scrapeFailed(double seconds) {
    scrapeDuration.set(seconds);
    scrapeFailures.inc();
  }

  @Override
  public void error(String kind) {
    errors.labels(kind).inc();
  }
}
