package io.covington.server.changes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.graph.validate.GraphChange;
import io.covington.graph.validate.SnapshotChanges;
import io.covington.sources.OpenShiftLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history of what changed in the served OpenShift graph: each published snapshot is diffed
 * with the one published before it ({@link SnapshotChanges}), and a publication that changed
 * something is appended to {@code <dir>/openshift-changes.jsonl}, one JSON object a line, so that
 * the history survives restarts. At most {@link #MAX_PUBLICATIONS} are kept, the oldest dropped.
 *
 * <p>A line of the file that cannot be read is skipped and reported (file, line, why) in {@link
 * #problems()} and the log; it never stops the server nor touches the served graph. Without a
 * directory, the history lives in memory only. Diffing runs on a thread of its own, in
 * publication order, so a publication (and its status) never waits for it; readers get an
 * immutable list, without locks.
 */
public final class ChangeLog {

  /** The most publications kept. */
  public static final int MAX_PUBLICATIONS = 1000;

  static final String FILE = "openshift-changes.jsonl";
  private static final int MAX_PROBLEMS = 50;
  private static final Logger LOG = LoggerFactory.getLogger(ChangeLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Optional<Path> file;
  private final Clock clock;
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private volatile List<Publication> publications;
  private volatile Optional<String> lastRevision;
  private GraphSnapshot previous;

  private ChangeLog(Optional<Path> file, Clock clock, List<Publication> publications) {
    this.file = file;
    this.clock = clock;
    this.publications = List.copyOf(publications);
    this.lastRevision = publications.isEmpty() ? Optional.empty() : Optional.of(publications.get(publications.size() - 1).revision());
  }

  /** The history kept in {@code dir} (created when missing), or in memory only when empty. */
  public static ChangeLog open(Optional<Path> dir, Clock clock) {
    if (dir.isEmpty()) {
      return new ChangeLog(Optional.empty(), clock, List.of());
    }
    Path file = dir.get().resolve(FILE);
    HistoryFile read = read(file);
    ChangeLog log = new ChangeLog(Optional.of(file), clock, read.publications());
    read.problems().forEach(log::problem);
    // Rewritten only without its bad lines or oldest entries: a file that could not be read at all
    // is left as it is, for an operator to look at.
    if (read.readable() && (!read.problems().isEmpty() || read.trimmed())) {
      log.rewrite();
    }
    return log;
  }

  /** What a history file held. */
  private record HistoryFile(List<Publication> publications, List<String> problems, boolean readable, boolean trimmed) {}

  private static HistoryFile read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new HistoryFile(List.of(), List.of(), true, false);
    } catch (IOException | UncheckedIOException e) {
      return new HistoryFile(List.of(), List.of(file + ": cannot be read (" + e.getMessage() + "); the history starts empty"),
          false, false);
    }
    List<Publication> result = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(lines.get(i));
        result.add(ChangeJson.read(node));
      } catch (IOException | IllegalArgumentException e) {
        problems.add(file + ":" + (i + 1) + ": skipped, not a publication: " + firstLine(e.getMessage()));
      }
    }
    boolean trimmed = result.size() > MAX_PUBLICATIONS;
    return new HistoryFile(List.copyOf(result.subList(Math.max(0, result.size() - MAX_PUBLICATIONS), result.size())), problems,
        true, trimmed);
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message;
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** Where the inputs of earlier graph-data revisions come from: the loader's, for git graph-data. */
  @FunctionalInterface
  public interface Earlier {
    /** Up to {@code count} earlier revisions before the one served, oldest first; called on the publishing thread. */
    List<OpenShiftLoader.EarlierInputs> inputs(int count) throws IOException;
  }

  /** How many earlier graph-data revisions the first publication after a start is diffed through. */
  public static final int BACKFILL = 5;

  private volatile Earlier earlier = count -> List.of();

  /** Diffs run here, one at a time in publication order, so that a publication never waits for one. */
  private final ExecutorService differ = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "covington-change-history");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * Back-fills from {@code source} at the first publication after a start: the changes between
   * the last {@link #BACKFILL} earlier revisions and the one served, from the last recorded one
   * when it is among them (the changes made while the server was down), without recording a
   * revision twice.
   */
  public void backfillFrom(Earlier source) {
    this.earlier = source;
  }

  /**
   * Records what changed between {@code snapshot} and the snapshot published before it, diffed on
   * a thread of its own. The first snapshot after a start is diffed through the earlier
   * graph-data revisions, when the source has them ({@link #backfillFrom}; read here, on the
   * publishing thread, as sources are read); otherwise it is only remembered.
   */
  public synchronized void published(GraphSnapshot snapshot) {
    GraphSnapshot base = previous;
    previous = snapshot;
    if (base == null) {
      List<OpenShiftLoader.EarlierInputs> inputs;
      try {
        inputs = earlier.inputs(BACKFILL);
      } catch (IOException | RuntimeException e) {
        problem("the earlier graph-data revisions cannot be read for the history (" + e.getMessage() + ")");
        return;
      }
      Instant now = clock.instant();
      if (!inputs.isEmpty()) {
        differ.execute(() -> backfill(inputs, snapshot, now));
      }
    } else if (!base.revision().equals(snapshot.revision())) {
      Instant now = clock.instant();
      differ.execute(() -> record(base, snapshot, now));
    }
  }

  /** On the differ: the chain of earlier revisions, then the one served, each diffed with the one before. */
  private void backfill(List<OpenShiftLoader.EarlierInputs> inputs, GraphSnapshot served, Instant now) {
    List<GraphSnapshot> chain = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    for (OpenShiftLoader.EarlierInputs input : inputs) {
      input.build().ifPresent(s -> {
        chain.add(s);
        times.add(input.at());
      });
    }
    chain.add(served);
    times.add(now);
    int start = 0;
    for (int i = 0; i < chain.size(); i++) {
      if (lastRevision.isPresent() && chain.get(i).revision().equals(lastRevision.get())) {
        start = i;
      }
    }
    Set<String> recorded = new HashSet<>();
    publications.forEach(p -> recorded.add(p.revision()));
    for (int i = start + 1; i < chain.size(); i++) {
      GraphSnapshot base = chain.get(i - 1);
      GraphSnapshot head = chain.get(i);
      if (!recorded.contains(head.revision()) && !base.revision().equals(head.revision())) {
        record(base, head, times.get(i));
      }
    }
  }

  private void record(GraphSnapshot base, GraphSnapshot snapshot, Instant at) {
    List<GraphChange> changes = SnapshotChanges.between(base, snapshot);
    if (changes.isEmpty()) {
      return;
    }
    List<Publication> now = publications;
    long sequence = now.isEmpty() ? 1 : now.get(now.size() - 1).sequence() + 1;
    Publication p = new Publication(sequence, at, base.revision(), snapshot.revision(), changes);
    List<Publication> next = new ArrayList<>(now);
    next.add(p);
    boolean trimmed = next.size() > MAX_PUBLICATIONS;
    if (trimmed) {
      next.remove(0);
    }
    publications = List.copyOf(next);
    lastRevision = Optional.of(p.revision());
    LOG.info("graph revision {}: {} change(s) since {}", p.revision(), changes.size(), p.baseRevision());
    if (trimmed) {
      rewrite();
    } else {
      append(p);
    }
  }

  /** The publications kept, oldest first. */
  public List<Publication> publications() {
    return publications;
  }

  /** The revision of the last publication recorded, across restarts; empty when none is. */
  public Optional<String> lastRevision() {
    return lastRevision;
  }

  /** Lines of the history file that were skipped, and writes that failed: file, line and why. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  private void append(Publication p) {
    if (file.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(file.get().getParent());
      Files.writeString(file.get(), line(p), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      problem(file.get() + ": cannot append publication " + p.sequence() + " (" + e.getMessage() + "); it is kept in memory only");
    }
  }

  /** Writes the whole history anew, atomically: a temporary file moved over the old one. */
  private void rewrite() {
    if (file.isEmpty()) {
      return;
    }
    Path target = file.get();
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), FILE, ".tmp");
      StringBuilder all = new StringBuilder();
      publications.forEach(p -> all.append(line(p)));
      Files.writeString(temp, all, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      problem(target + ": cannot be rewritten (" + e.getMessage() + ")");
    }
  }

  private static String line(Publication p) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      ChangeJson.write(g, p, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  private void problem(String message) {
    // Bounded: a history file of bad lines must not grow the status document without end.
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(message);
    }
    LOG.warn("change history: {}", message);
  }
}
