package io.covington.sources.coreos;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.coreos.CoreOsStream;
import io.covington.graph.coreos.CoreOsStreams;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.Problems;
import io.covington.sources.HttpFetch;
import io.covington.sources.Reading;
import io.covington.sources.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Where the CoreOS streams come from: the bundled streams, a directory ({@code DIR/<stream>/
 * releases.json} and {@code updates.json}), both read once, or two URL templates with a {@code
 * {stream}} placeholder (the release index and the updates metadata), fetched again on every
 * update with conditional GETs. For URLs, each stream that fails to be fetched or read keeps its
 * last good version, or, if it never had one, is left out; the failure is reported to the listener
 * and in the snapshot's problems.
 * Blocks: call it from a worker thread.
 */
public final class CoreOsStreamsSource implements Source<CoreOsSnapshot> {

  /** The public Fedora CoreOS release index, per stream. */
  public static final String FEDORA_RELEASES_URL = "https://builds.coreos.fedoraproject.org/prod/streams/{stream}/releases.json";

  /** The public Fedora CoreOS updates metadata, per stream. */
  public static final String FEDORA_UPDATES_URL = "https://builds.coreos.fedoraproject.org/updates/{stream}.json";

  private final Optional<Path> directory;
  private final Optional<UrlTemplates> urls;
  private final Consumer<LoadProblem> onFailure;
  private final Reading reading;
  private final Map<String, Fetched> lastGood = new TreeMap<>();
  private final Map<String, HttpFetch> fetches = new TreeMap<>();
  private List<LoadProblem> failures = List.of();
  private List<LoadProblem> stale = List.of();
  private List<LoadProblem> missing = List.of();
  private CoreOsSnapshot local;

  /** Release index and updates URL templates, and the streams to fetch. */
  public record UrlTemplates(String releases, String updates, List<String> streams) {
    public UrlTemplates {
      streams = List.copyOf(streams);
    }

    String releasesOf(String stream) {
      return releases.replace("{stream}", stream);
    }

    String updatesOf(String stream) {
      return updates.replace("{stream}", stream);
    }
  }

  /** A stream as last read, and the revisions of its two documents. */
  private record Fetched(CoreOsStream stream, String revision) {}

  /**
   * @param onFailure told each problem of a URL stream that could not be refreshed
   */
  public CoreOsStreamsSource(Optional<Path> directory, Optional<UrlTemplates> urls, Consumer<LoadProblem> onFailure) {
    this(directory, urls, onFailure, Reading.DEFAULT);
  }

  /** @param reading the downloads' deadline and limit */
  public CoreOsStreamsSource(Optional<Path> directory, Optional<UrlTemplates> urls, Consumer<LoadProblem> onFailure,
      Reading reading) {
    if (directory.isPresent() && urls.isPresent()) {
      throw new IllegalArgumentException("give the CoreOS streams as a directory or as URLs, not both");
    }
    this.directory = directory;
    this.urls = urls;
    this.onFailure = onFailure;
    this.reading = reading;
  }

  public static CoreOsStreamsSource bundled() {
    return new CoreOsStreamsSource(Optional.empty(), Optional.empty(), p -> {});
  }

  /** Whether the streams are fetched from URLs (and so are read again on an interval). */
  @Override
  public boolean isLive() {
    return urls.isPresent();
  }

  @Override
  public String location() {
    return urls.map(u -> u.releases() + " and " + u.updates() + " for " + String.join(", ", u.streams()))
        .orElseGet(() -> directory.map(Path::toString).orElse("bundled"));
  }

  /**
   * Reads the streams (a directory or the bundled ones: the first time only) and names what is
   * held: for URLs, each stream's document revisions, or that it failed.
   *
   * @throws InvalidInputException when the directory is missing, or when no URL stream has ever
   *     been read successfully
   */
  @Override
  public synchronized String update() throws InvalidInputException, InterruptedException {
    if (urls.isEmpty()) {
      if (local == null) {
        local = directory.isPresent()
            ? CoreOsStreams.loadDirectory(directory.get()).withRevision("directory")
            : CoreOsStreams.loadBundled().withRevision("bundled");
      }
      return local.revision();
    }
    List<LoadProblem> failed = new ArrayList<>();
    List<LoadProblem> behind = new ArrayList<>();
    List<LoadProblem> absent = new ArrayList<>();
    StringBuilder revision = new StringBuilder();
    for (String stream : urls.get().streams()) {
      Problems problems = new Problems();
      Optional<Fetched> read = fetch(urls.get(), stream, problems);
      read.ifPresent(r -> lastGood.put(stream, r));
      problems.list().forEach(p -> {
        failed.add(p);
        (lastGood.containsKey(stream) ? behind : absent).add(p);
        onFailure.accept(p);
      });
      revision.append(revision.length() == 0 ? "" : ",").append(stream).append(':')
          .append(read.isPresent() ? read.get().revision() : "failed");
    }
    failures = List.copyOf(failed);
    stale = List.copyOf(behind);
    missing = List.copyOf(absent);
    if (lastGood.isEmpty()) {
      throw new InvalidInputException(failures);
    }
    return revision.toString();
  }

  /** The URL streams the last {@link #update()} could not refresh: they keep their last good version. */
  @Override
  public synchronized List<LoadProblem> stale() {
    return stale;
  }

  /** The URL streams never read so far: nothing is served for them until one read succeeds. */
  @Override
  public synchronized List<LoadProblem> missing() {
    return missing;
  }

  /** The streams of the last {@link #update()}: each URL stream's last good version. */
  @Override
  public synchronized CoreOsSnapshot read() {
    if (urls.isEmpty()) {
      if (local == null) {
        throw new IllegalStateException("read() before a successful update()");
      }
      return local;
    }
    List<CoreOsStream> streams = new ArrayList<>();
    StringBuilder revision = new StringBuilder();
    for (Fetched fetched : lastGood.values()) {
      streams.add(fetched.stream());
      revision.append(revision.length() == 0 ? "" : ",").append(fetched.stream().name()).append(':').append(fetched.revision());
    }
    streams.sort(Comparator.comparing(CoreOsStream::name));
    return CoreOsSnapshot.of(streams, failures).withRevision(revision.toString());
  }

  private static Optional<HttpFetch.Body> get(HttpFetch fetch, String url)
      throws InvalidInputException, InterruptedException {
    try {
      return fetch.fetch();
    } catch (IOException e) {
      throw new InvalidInputException(
          List.of(LoadProblem.of(url, "fetch_failed", e.getMessage() == null ? e.toString() : e.getMessage())));
    }
  }

  /**
   * Reads one stream; conditional GETs make an unchanged stream cost two 304s. Empty, with the
   * problem reported, when it cannot be read; the last good stream when nothing changed.
   */
  private Optional<Fetched> fetch(UrlTemplates urls, String stream, Problems problems)
      throws InterruptedException {
    String releasesUrl = urls.releasesOf(stream);
    String updatesUrl = urls.updatesOf(stream);
    HttpFetch releasesFetch = fetches.computeIfAbsent(releasesUrl, u -> reading.fetch(u, "application/json"));
    HttpFetch updatesFetch = fetches.computeIfAbsent(updatesUrl, u -> reading.fetch(u, "application/json"));
    try {
      Optional<HttpFetch.Body> releases = get(releasesFetch, releasesUrl);
      Optional<HttpFetch.Body> updates = get(updatesFetch, updatesUrl);
      if (releases.isEmpty() && updates.isEmpty() && lastGood.containsKey(stream)) {
        return Optional.of(lastGood.get(stream));
      }
      if (releases.isEmpty() || updates.isEmpty()) {
        // One of the two changed: read both again in full.
        releasesFetch.forget();
        updatesFetch.forget();
        releases = get(releasesFetch, releasesUrl);
        updates = get(updatesFetch, updatesUrl);
      }
      Optional<CoreOsStream> read = CoreOsStreams.read(
          stream, releasesUrl, new ByteArrayInputStream(releases.orElseThrow().bytes()),
          updatesUrl, new ByteArrayInputStream(updates.orElseThrow().bytes()), problems);
      if (read.isEmpty()) {
        releasesFetch.forget();
        updatesFetch.forget();
        return Optional.empty();
      }
      return Optional.of(new Fetched(read.get(), releases.get().revision() + "+" + updates.get().revision()));
    } catch (InvalidInputException e) {
      e.problems().forEach(problems::add);
    }
    releasesFetch.forget();
    updatesFetch.forget();
    return Optional.empty();
  }
}
