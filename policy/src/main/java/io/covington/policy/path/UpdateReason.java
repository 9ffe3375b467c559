package io.covington.policy.path;

import io.covington.graph.model.Risk;
import java.util.Objects;
import java.util.Optional;

/**
 * One reason why a direct update is or is not offered in a channel. {@link #kind()} is the stable
 * name for responses; each record's components are its details.
 */
public sealed interface UpdateReason {

  /** A stable snake_case name of the reason, for responses. */
  String kind();

  /** The reason in one sentence, for people. */
  String describe();

  /** The release exists on the architecture but the channel does not serve it. */
  record NotInChannel(String parameter, String version, String channel) implements UpdateReason {
    public NotInChannel {
      Objects.requireNonNull(parameter, "parameter");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(channel, "channel");
    }

    @Override
    public String kind() {
      return "not_in_channel";
    }

    @Override
    public String describe() {
      return parameter + " version " + version + " is not in channel " + channel;
    }
  }

  /** There is no release of that version (with a payload) on the architecture. */
  record NoSuchRelease(String parameter, String version, String arch) implements UpdateReason {
    public NoSuchRelease {
      Objects.requireNonNull(parameter, "parameter");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(arch, "arch");
    }

    @Override
    public String kind() {
      return "no_such_release";
    }

    @Override
    public String describe() {
      return parameter + " version " + version + " has no " + arch + " release";
    }
  }

  /** No release metadata declares the update (neither {@code previous}/{@code next} nor {@code *.add}). */
  record NotDeclared(String from, String to) implements UpdateReason {
    public NotDeclared {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public String kind() {
      return "not_declared";
    }

    @Override
    public String describe() {
      return "no release metadata declares the update " + from + " -> " + to;
    }
  }

  /**
   * A {@code blocked-edges/} file without matching rules removed the declared update.
   *
   * @param file the blocked-edge file
   * @param fromPattern its {@code from} regular expression (searched in {@code version+arch})
   * @param message its explanation, when it has one
   */
  record BlockedByFile(String file, String fromPattern, Optional<String> message) implements UpdateReason {
    public BlockedByFile {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(fromPattern, "fromPattern");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String kind() {
      return "blocked_edge";
    }

    @Override
    public String describe() {
      return "removed by " + file + " (from " + fromPattern + ")" + message.map(m -> ": " + m).orElse("");
    }
  }

  /**
   * Edge-editing metadata on a release removed the declared update.
   *
   * @param key the full metadata key, e.g. {@code io.openshift.upgrades.graph.previous.remove}
   * @param release the id ({@code version+arch}) of the release that carries the key
   */
  record RemovedByMetadata(String key, String release) implements UpdateReason {
    public RemovedByMetadata {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(release, "release");
    }

    @Override
    public String kind() {
      return "removed_by_metadata";
    }

    @Override
    public String describe() {
      return "removed by " + key + " on release " + release;
    }
  }

  /**
   * The update is offered only conditionally, because of this risk from this file.
   *
   * @param file the conditional blocked-edge file
   * @param risk the risk it declares
   */
  record ConditionalRisk(String file, Risk risk) implements UpdateReason {
    public ConditionalRisk {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(risk, "risk");
    }

    @Override
    public String kind() {
      return "conditional";
    }

    @Override
    public String describe() {
      return "conditional on risk " + risk.name() + " (" + file + ")";
    }
  }

  /** The update is offered to every cluster. */
  record OfferedUnconditionally(String from, String to) implements UpdateReason {
    public OfferedUnconditionally {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public String kind() {
      return "unconditional";
    }

    @Override
    public String describe() {
      return "the update " + from + " -> " + to + " is offered unconditionally";
    }
  }
}
