package io.covington.server.coreos;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.coreos.CoreOsStream;
import io.covington.graph.coreos.CoreOsStreams;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.Problems;
import io.covington.server.source.HttpFetch;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Where the CoreOS streams come from: the bundled streams, a directory ({@code DIR/<stream>/
 * releases.json} and {@code updates.json}), or two URL templates with a {@code {stream}}
 * placeholder (the release index and the updates metadata). For URLs, each stream that fails to
 * be fetched or read keeps its last good version; the failure is reported to the listener.
 * Blocks: call {@link #load()} on a worker thread.
 */
public final class CoreOsSources {

  /** The public Fedora CoreOS release index, per stream. */
  public static final String FEDORA_RELEASES_URL = "https://builds.coreos.fedoraproject.org/prod/streams/{stream}/releases.json";

  /** The public Fedora CoreOS updates metadata, per stream. */
  public static final String FEDORA_UPDATES_URL = "https://builds.coreos.fedoraproject.org/updates/{stream}.json";

  private final Optional<Path> directory;
  private final Optional<UrlTemplates> urls;
  private final Consumer<LoadProblem> onFailure;
  private final Map<String, CoreOsStream> lastGood = new ConcurrentHashMap<>();
  private final Map<String, HttpFetch> fetches = new ConcurrentHashMap<>();

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

  public CoreOsSources(Optional<Path> directory, Optional<UrlTemplates> urls, Consumer<LoadProblem> onFailure) {
    if (directory.isPresent() && urls.isPresent()) {
      throw new IllegalArgumentException("give the CoreOS streams as a directory or as URLs, not both");
    }
    this.directory = directory;
    this.urls = urls;
    this.onFailure = onFailure;
  }

  public static CoreOsSources bundled() {
    return new CoreOsSources(Optional.empty(), Optional.empty(), p -> {});
  }

  /** Whether the streams are fetched from URLs (and so should be re-read on an interval). */
  public boolean isRemote() {
    return urls.isPresent();
  }

  /**
   * Reads the streams.
   *
   * @throws InvalidInputException when the directory is missing, or when no URL stream has ever
   *     been read successfully
   */
  public CoreOsSnapshot load() throws InvalidInputException, InterruptedException {
    if (directory.isPresent()) {
      return CoreOsStreams.loadDirectory(directory.get());
    }
    if (urls.isEmpty()) {
      return CoreOsStreams.loadBundled();
    }
    List<LoadProblem> failures = new ArrayList<>();
    for (String stream : urls.get().streams()) {
      Problems problems = new Problems();
      Optional<CoreOsStream> read = fetch(urls.get(), stream, problems);
      if (read.isPresent()) {
        lastGood.put(stream, read.get());
      } else {
        problems.list().forEach(p -> {
          failures.add(p);
          onFailure.accept(p);
        });
      }
    }
    if (lastGood.isEmpty()) {
      throw new InvalidInputException(failures);
    }
    List<CoreOsStream> streams = new ArrayList<>(lastGood.values());
    streams.sort(java.util.Comparator.comparing(CoreOsStream::name));
    return CoreOsSnapshot.of(streams, failures);
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
  private Optional<CoreOsStream> fetch(UrlTemplates urls, String stream, Problems problems)
      throws InterruptedException {
    String releasesUrl = urls.releasesOf(stream);
    String updatesUrl = urls.updatesOf(stream);
    HttpFetch releasesFetch = fetches.computeIfAbsent(releasesUrl, u -> new HttpFetch(u, "application/json"));
    HttpFetch updatesFetch = fetches.computeIfAbsent(updatesUrl, u -> new HttpFetch(u, "application/json"));
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
      }
      return read;
    } catch (InvalidInputException e) {
      e.problems().forEach(problems::add);
    }
    releasesFetch.forget();
    updatesFetch.forget();
    return Optional.empty();
  }

}
