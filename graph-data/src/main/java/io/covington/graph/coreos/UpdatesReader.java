package io.covington.graph.coreos;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.Problems;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads a Fedora CoreOS updates metadata document ({@code updates/<stream>.json}).
 *
 * <p>All-or-nothing like {@link ReleaseIndexReader}: a document with any problem is reported to
 * {@link Problems} and not used, because a half-read barrier list would offer unsafe updates.
 */
final class UpdatesReader {

  static final String KIND = "invalid_updates";

  private UpdatesReader() {}

  /** Reads the document from {@code in} (closed afterwards); {@code source} names it in problems. */
  public static Optional<UpdatesMetadata> read(String source, InputStream in, Problems problems) {
    Optional<UpdatesDoc> doc = CoreOsJson.read(source, in, UpdatesDoc.class, KIND, problems);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    Map<String, UpdateDirectives> byVersion = new HashMap<>();
    for (int i = 0; i < doc.get().releases.size(); i++) {
      ReleaseDoc entry = doc.get().releases.get(i);
      if (byVersion.put(entry.version, entry.metadata.toDirectives()) != null) {
        problems.add(
            LoadProblem.of(
                source,
                KIND,
                "at releases[" + i + "]: version " + entry.version + " appears twice; merge its entries"));
        return Optional.empty();
      }
    }
    return Optional.of(new UpdatesMetadata(doc.get().stream, byVersion, source));
  }

  /** Reads the document from a string, e.g. a body fetched over HTTP. */
  public static Optional<UpdatesMetadata> read(String source, String json, Problems problems) {
    return read(source, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), problems);
  }

  record UpdatesDoc(String stream, List<ReleaseDoc> releases) {
    UpdatesDoc {
      CoreOsJson.requireText(stream, "stream");
      releases = List.copyOf(CoreOsJson.require(releases, "releases"));
    }
  }

  record ReleaseDoc(String version, MetadataDoc metadata) {
    ReleaseDoc {
      CoreOsJson.requireText(version, "version");
      CoreOsJson.require(metadata, "metadata");
    }
  }

  record MetadataDoc(ReasonDoc barrier, ReasonDoc deadend, RolloutDoc rollout) {
    UpdateDirectives toDirectives() {
      return new UpdateDirectives(
          Optional.ofNullable(barrier).map(ReasonDoc::reason),
          Optional.ofNullable(deadend).map(ReasonDoc::reason),
          Optional.ofNullable(rollout).map(RolloutDoc::toRollout));
    }
  }

  record ReasonDoc(String reason) {
    ReasonDoc {
      CoreOsJson.require(reason, "reason");
    }
  }

  record RolloutDoc(
      @JsonProperty("start_epoch") Long startEpoch,
      @JsonProperty("start_percentage") Double startPercentage,
      @JsonProperty("duration_minutes") Long durationMinutes) {
    RolloutDoc {
      // Validates now, so that the problem is reported at this object's line.
      toRollout(startEpoch, startPercentage, durationMinutes);
    }

    Rollout toRollout() {
      return toRollout(startEpoch, startPercentage, durationMinutes);
    }

    private static Rollout toRollout(Long startEpoch, Double startPercentage, Long durationMinutes) {
      return new Rollout(
          startEpoch == null ? OptionalLong.empty() : OptionalLong.of(startEpoch),
          startPercentage == null ? OptionalDouble.empty() : OptionalDouble.of(startPercentage),
          durationMinutes == null ? OptionalLong.empty() : OptionalLong.of(durationMinutes));
    }
  }
}
