package io.covington.sources.registry;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.Problems;
import io.covington.graph.input.ReleaseEdge;
import io.covington.graph.input.ReleaseMetadataReader;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.Release;
import io.covington.sources.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The releases of one or more registry repositories, each tag an image: lists the tags, skips
 * signature tags, reads each image (from the cache when its manifest digest was read before) with
 * bounded concurrency, and builds the release set. A tag that cannot be read is reported and
 * skipped; a repository whose tags cannot be listed fails the scrape, so the server keeps the
 * snapshot it has. As a {@link Source}, each update scrapes again (unchanged images come from the
 * cache) and the revision is a hash of the release images' digests. Blocks: call it on a worker
 * thread.
 */
final class RegistryReleaseSource implements Source<ReleaseSet> {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryReleaseSource.class);

  private final List<RegistryRepository> repositories;
  private final RegistryClient client;
  private final ReleaseImageReader reader;
  private final ReleaseImageCache cache;
  private final int concurrency;
  private final int pageSize;
  private final RegistryEvents events;
  private Scrape last;
  private LastScrape lastScrape;

  /** The last scrape: when it ended, how long it took and what each repository saw. */
  public record LastScrape(Instant at, double seconds, List<ScrapeStats> stats) {
    public LastScrape {
      stats = List.copyOf(stats);
    }
  }

  /** The release set of a scrape and what each repository saw. */
  public record Scrape(ReleaseSet releases, List<ScrapeStats> stats) {
    public Scrape {
      stats = List.copyOf(stats);
    }
  }

  RegistryReleaseSource(List<RegistryRepository> repositories, RegistryClient client, ReleaseImageCache cache,
      long fullReadLimit, int concurrency, int pageSize, RegistryEvents events) {
    this.repositories = List.copyOf(repositories);
    this.client = client;
    this.reader = new ReleaseImageReader(client, fullReadLimit);
    this.cache = cache;
    this.concurrency = concurrency;
    this.pageSize = pageSize;
    this.events = events;
  }

  /** Scrapes every repository again; the revision hashes the digests of the release images found. */
  @Override
  public String update() throws InvalidInputException, InterruptedException {
    long start = System.nanoTime();
    try {
      Scrape scrape = scrape();
      double seconds = (System.nanoTime() - start) / 1e9;
      events.scraped(scrape.stats(), seconds);
      synchronized (this) {
        last = scrape;
        lastScrape = new LastScrape(Instant.now(), seconds, scrape.stats());
      }
      for (ScrapeStats s : scrape.stats()) {
        LOG.info("registry {}: {} tags, {} releases, {} skipped, {} failed, {} from cache, in {} ms", s.repository(),
            s.tagsSeen(), s.releases(), s.tagsSkipped(), s.tagsFailed(), s.cacheHits(), Math.round(seconds * 1000));
      }
      return scrape.releases().revision();
    } catch (InvalidInputException e) {
      events.scrapeFailed((System.nanoTime() - start) / 1e9);
      throw e;
    }
  }

  /** The releases of the last scrape. */
  @Override
  public synchronized ReleaseSet read() {
    if (last == null) {
      throw new IllegalStateException("read() before a successful update()");
    }
    return last.releases();
  }

  /** The last scrape that listed every repository. */
  public synchronized Optional<LastScrape> lastScrape() {
    return Optional.ofNullable(lastScrape);
  }

  @Override
  public String location() {
    return "registry " + String.join(", ", repositories.stream().map(RegistryRepository::display).toList());
  }

  /** One line per repository with the last scrape's counts, for {@code /status}. */
  @Override
  public synchronized List<String> describe() {
    if (lastScrape == null) {
      return List.of("registry, not scraped yet");
    }
    List<String> lines = new ArrayList<>();
    for (ScrapeStats s : lastScrape.stats()) {
      lines.add(String.format(Locale.ROOT,
          "registry %s, last scrape %s in %.1f s: %d tags seen, %d skipped, %d failed, %d releases, %d from cache",
          s.repository(), lastScrape.at(), lastScrape.seconds(), s.tagsSeen(), s.tagsSkipped(), s.tagsFailed(),
          s.releases(), s.cacheHits()));
    }
    return lines;
  }

  /** Whether a tag names a signature (cosign's {@code sha256-<hex>.sig}, or any {@code *.sig}). */
  static boolean isSignatureTag(String tag) {
    return tag.endsWith(".sig");
  }

  private record TagRead(String tag, Optional<String> digest, Optional<ReleaseImage> image, Optional<LoadProblem> failure, boolean cacheHit) {}

  /**
   * Reads every repository.
   *
   * @throws InvalidInputException when a repository's tags cannot be listed
   */
  public Scrape scrape() throws InvalidInputException, InterruptedException {
    List<Release> releases = new ArrayList<>();
    List<ReleaseEdge> edges = new ArrayList<>();
    Problems problems = new Problems();
    List<ScrapeStats> stats = new ArrayList<>();
    List<String> digests = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemonThreads());
    try {
      for (RegistryRepository repo : repositories) {
        stats.add(scrape(repo, pool, releases, edges, problems, digests, ids));
      }
    } finally {
      pool.shutdownNow();
    }
    digests.sort(null);
    String revision = "registry-" + Digests.hex(Digests.of(String.join("\n", digests).getBytes(StandardCharsets.UTF_8))).substring(0, 12);
    return new Scrape(new ReleaseSet(releases, edges, problems.list(), revision), stats);
  }

  private ScrapeStats scrape(RegistryRepository repo, ExecutorService pool, List<Release> releases, List<ReleaseEdge> edges,
      Problems problems, List<String> digests, Set<String> ids) throws InvalidInputException, InterruptedException {
    List<String> tags;
    try {
      tags = client.tags(repo, pageSize);
    } catch (RegistryException e) {
      throw new InvalidInputException(List.of(LoadProblem.of(repo.display(), "registry_" + e.kind(),
          "cannot list the tags, the previous graph keeps serving: " + e.getMessage())));
    }
    int skipped = 0;
    List<Future<TagRead>> reads = new ArrayList<>();
    for (String tag : tags) {
      if (isSignatureTag(tag)) {
        skipped++;
        continue;
      }
      reads.add(pool.submit(readTag(repo, tag)));
    }
    List<TagRead> done = new ArrayList<>();
    for (Future<TagRead> read : reads) {
      try {
        done.add(read.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException("reading a tag failed unexpectedly", e.getCause());
      }
    }
    Set<String> pieces = new HashSet<>();
    done.forEach(r -> r.image().ifPresent(image -> pieces.addAll(image.children())));
    Set<String> read = new HashSet<>();
    int failed = 0;
    int found = 0;
    int hits = 0;
    for (TagRead r : done) {
      hits += r.cacheHit() ? 1 : 0;
      String source = repo.display() + ":" + r.tag();
      if (r.failure().isPresent()) {
        problems.add(r.failure().get());
        failed++;
        continue;
      }
      String digest = r.digest().orElseThrow();
      ReleaseImage image = r.image().orElseThrow();
      if (pieces.contains(digest) || !read.add(digest)) {
        skipped++;
        continue;
      }
      if (image.document().isEmpty()) {
        problems.add(source, "no_release_metadata", "image " + digest + " has no " + ReleaseImageReader.METADATA_PATH
            + "; it is not a release image and is skipped");
        skipped++;
        continue;
      }
      Problems docProblems = new Problems();
      Optional<ReleaseMetadataReader.Document> doc = ReleaseMetadataReader.parseImageDocument(
          image.document().get().getBytes(StandardCharsets.UTF_8), source + " (" + digest + ")",
          repo.pullSpec(digest), image.architecture(), docProblems);
      if (docProblems.list().stream().anyMatch(p -> p.kind().equals(ReleaseMetadataReader.MULTI_ARCH_PIECE))) {
        // A platform image of a multi release tagged on its own: the manifest list is the release.
        skipped++;
        continue;
      }
      docProblems.list().forEach(problems::add);
      if (doc.isEmpty()) {
        failed++;
        continue;
      }
      if (!ids.add(doc.get().release().id())) {
        problems.add(source, "duplicate_release", doc.get().release().id() + " is already given by another image; this one ("
            + digest + ") is skipped");
        failed++;
        continue;
      }
      if (!image.layerVerified()) {
        LOG.info("{}: release-metadata read from a layer above the full-read limit; the layer's digest was not checked", source);
      }
      releases.add(doc.get().release());
      edges.addAll(doc.get().edges());
      digests.add(digest);
      found++;
    }
    return new ScrapeStats(repo.display(), tags.size(), skipped, failed, found, hits);
  }

  private Callable<TagRead> readTag(RegistryRepository repo, String tag) {
    return () -> {
      String source = repo.display() + ":" + tag;
      try {
        RegistryClient.Manifest manifest = client.manifest(repo, tag);
        Optional<ReleaseImage> cached = cache.get(manifest.digest());
        if (cached.isPresent()) {
          return new TagRead(tag, Optional.of(manifest.digest()), cached, Optional.empty(), true);
        }
        ReleaseImage image = reader.read(repo, manifest);
        cache.put(manifest.digest(), image);
        return new TagRead(tag, Optional.of(manifest.digest()), Optional.of(image), Optional.empty(), false);
      } catch (RegistryException e) {
        return new TagRead(tag, Optional.empty(), Optional.empty(),
            Optional.of(LoadProblem.of(source, "registry_" + e.kind(), e.getMessage() + "; the tag is skipped")), false);
      }
    };
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "covington-registry-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
