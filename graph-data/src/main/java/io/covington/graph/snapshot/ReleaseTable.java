package io.covington.graph.snapshot;

import io.covington.graph.input.Problems;
import io.covington.graph.model.Release;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** The releases being built into a snapshot, with metadata that the build still edits. */
final class ReleaseTable {

  /** A release under construction. */
  static final class Entry {
    private final Release release;
    private final Map<String, String> metadata;
    private boolean removed;

    Entry(Release release) {
      this.release = release;
      this.metadata = new LinkedHashMap<>(release.metadata());
    }

    String id() {
      return release.id();
    }

    String version() {
      return release.version();
    }

    String arch() {
      return release.arch();
    }

    String payload() {
      return release.payload();
    }

    Map<String, String> metadata() {
      return metadata;
    }

    boolean removed() {
      return removed;
    }

    void remove() {
      removed = true;
    }
  }

  private final Map<String, Entry> byId = new LinkedHashMap<>();
  private final Map<String, List<Entry>> byVersion = new HashMap<>();

  static ReleaseTable of(List<Release> releases, Problems problems) {
    ReleaseTable table = new ReleaseTable();
    for (Release r : releases) {
      String source = "release " + r.id();
      if (!Versions.isSemver(r.version())) {
        problems.add(source, "invalid_version", "'" + r.version() + "' is not a SemVer 2.0 version; release skipped");
      } else if (table.byId.containsKey(r.id())) {
        problems.add(source, "duplicate_release", "release listed twice; the first one is kept");
      } else {
        Entry e = new Entry(r);
        table.byId.put(r.id(), e);
        table.byVersion.computeIfAbsent(r.version(), k -> new ArrayList<>()).add(e);
      }
    }
    return table;
  }

  SortedSet<String> architectures() {
    SortedSet<String> result = new TreeSet<>();
    byId.values().forEach(e -> result.add(e.arch()));
    return result;
  }

  Entry get(String id) {
    return byId.get(id);
  }

  List<Entry> releasesOf(String arch) {
    return byId.values().stream().filter(e -> e.arch().equals(arch)).toList();
  }

  /**
   * The releases a channel or raw-metadata entry names: a plain version names it on every
   * architecture, {@code version+arch} names one.
   */
  List<Entry> matching(String name) {
    int plus = name.indexOf('+');
    if (plus < 0) {
      return byVersion.getOrDefault(name, List.of());
    }
    Entry e = byId.get(name);
    return e == null ? List.of() : List.of(e);
  }

  /** Merges {@code raw/metadata.json}: an existing key gets {@code ,value} appended. */
  void mergeRawMetadata(Map<String, Map<String, String>> raw) {
    raw.forEach(
        (version, entries) -> {
          for (Entry e : matching(version)) {
            entries.forEach((k, v) -> e.metadata().merge(k, v, (old, add) -> old + "," + add));
          }
        });
  }
}
