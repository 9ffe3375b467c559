package io.covington.graph.validate;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.input.Channel;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.PullRequestRules;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.input.SignatureTreeReader;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks graph-data as a pull-request check would: every problem the reader found (schema, YAML,
 * regular expressions, risks without rules), blocks whose {@code to} no channel or release has,
 * duplicate and contradictory blocks, one risk name defined two ways, and, with releases, channel
 * versions that no release has. O(files + blocks + channel versions).
 *
 * <p>Errors are what makes the served graph wrong or unservable, and so what keeps a reload from
 * being published: a file the reader could not use (its block or channel would be lost), an
 * incomplete tree, no channel at all. Errors too, but only for {@code validate}, are the rules of
 * graph-data's own CI ({@link PullRequestRules}: https risk URLs, CamelCase risk names, one rule
 * per type, no unknown keys, risk files named after their target, no repeated channel version,
 * no file left unread, and the stable ⊆ fast ⊆ candidate promotion order): the reference serves
 * such data, so a reload does too ({@link #publicationErrors}). Warnings are what the reference
 * serves and may be intended: duplicate or contradictory blocks, one risk name defined two ways
 * (graph-data's CI refuses that; the reference serves each target its own file's text), a channel
 * file named after another channel, a block or channel entry for a version no channel or given
 * release has (releases are often a subset).
 */
public final class GraphDataValidator {

  /** Reader problem kinds that are only warnings; every other reader problem is an error. */
  private static final Set<String> WARNING_KINDS = Set.of("channel_name_mismatch", SignatureTreeReader.PROBLEM_KIND);

  /** How many unknown versions one channel finding names before it only counts. */
  private static final int VERSIONS_SHOWN = 8;

  private GraphDataValidator() {}

  /** Findings for {@code data}, checked against {@code releases} when given; errors first. */
  public static List<Finding> validate(GraphData data, Optional<ReleaseSet> releases) {
    List<Finding> findings = new ArrayList<>();
    for (LoadProblem p : data.problems()) {
      findings.add(new Finding(WARNING_KINDS.contains(p.kind()) ? Severity.WARNING : Severity.ERROR, p));
    }
    if (data.channels().isEmpty()) {
      findings.add(Finding.error("channels/", "no_channels", "the graph-data declares no channel; every client would get the empty graph"));
    }
    Set<String> channelVersions = new HashSet<>();
    data.channels().forEach(c -> c.versions().forEach(v -> channelVersions.add(bare(v))));
    Set<String> releaseVersions = new HashSet<>();
    releases.ifPresent(r -> r.releases().stream().map(Release::version).forEach(releaseVersions::add));
    checkTargets(data, channelVersions, releases.isPresent() ? Optional.of(releaseVersions) : Optional.empty(), findings);
    checkDuplicates(data, findings);
    checkRisks(data, findings);
    ChannelPromotion.check(data.channels(), findings);
    if (releases.isPresent()) {
      checkChannelVersions(data, releaseVersions, findings);
    }
    findings.sort(Comparator.comparing(Finding::severity));
    return List.copyOf(findings);
  }

  /**
   * The errors that keep {@code data} from being published: every error of {@link #validate}
   * except those of graph-data's pull-request rules ({@link PullRequestRules#KINDS}), which the
   * reference server serves without complaint and so does Covington.
   */
  public static List<Finding> publicationErrors(GraphData data) {
    return validate(data, Optional.empty()).stream()
        .filter(f -> f.isError() && !PullRequestRules.KINDS.contains(f.problem().kind()))
        .toList();
  }

  /** Whether any finding is an error. */
  public static boolean hasErrors(List<Finding> findings) {
    return findings.stream().anyMatch(Finding::isError);
  }

  private static void checkTargets(
      GraphData data, Set<String> channelVersions, Optional<Set<String>> releaseVersions, List<Finding> findings) {
    for (BlockedEdge b : data.blockedEdges()) {
      if (b.to().equals(BlockedEdge.ANY_TARGET)) {
        continue;
      }
      String to = bare(b.to());
      if (releaseVersions.isPresent() && !releaseVersions.get().contains(to)) {
        findings.add(Finding.warning(b.source(), "unknown_target", "'to' " + b.to() + " is not a version of the given releases; the block changes nothing there"));
      } else if (releaseVersions.isEmpty() && !channelVersions.contains(to)) {
        findings.add(Finding.warning(b.source(), "unknown_target", "'to' " + b.to() + " is in no channel; check the version for a typo"));
      }
    }
  }

  private static void checkDuplicates(GraphData data, List<Finding> findings) {
    Map<String, BlockedEdge> byIdentity = new HashMap<>();
    Map<String, BlockedEdge> bySelection = new HashMap<>();
    for (BlockedEdge b : data.blockedEdges()) {
      String selection = b.to() + "\n" + b.from().pattern() + "\n" + b.osTransition();
      String identity = selection + "\n" + b.risk().map(Risk::name).orElse("");
      BlockedEdge same = byIdentity.putIfAbsent(identity, b);
      if (same != null) {
        findings.add(Finding.warning(b.source(), "duplicate_block", "blocks the same updates (to " + b.to() + ", from " + b.from().pattern() + ")" + b.risk().map(r -> " with the same risk " + r.name()).orElse("") + " as " + same.source() + "; delete one of the two files"));
        continue;
      }
      BlockedEdge other = bySelection.putIfAbsent(selection, b);
      if (other != null && other.isConditional() != b.isConditional()) {
        findings.add(Finding.warning(b.source(), "contradictory_block", "selects the same updates (to " + b.to() + ", from " + b.from().pattern() + ") as " + other.source() + ", but one removes them and the other makes them conditional; the removal wins, so the risk is never shown"));
      }
    }
  }

  private static void checkRisks(GraphData data, List<Finding> findings) {
    Map<String, BlockedEdge> firstByName = new HashMap<>();
    for (BlockedEdge b : data.blockedEdges()) {
      if (b.risk().isEmpty()) {
        if (b.message().isPresent() && b.osTransition().isEmpty()) {
          findings.add(Finding.error(b.source(), "risk_without_rules", "declares a risk message but no 'matchingRules', so the updates are removed for every cluster; add matchingRules (e.g. '- type: Always') or drop the risk fields"));
        }
        continue;
      }
      Risk risk = b.risk().get();
      BlockedEdge first = firstByName.putIfAbsent(risk.name(), b);
      if (first != null) {
        Risk seen = first.risk().orElseThrow();
        List<String> differ = new ArrayList<>();
        if (!seen.url().equals(risk.url())) {
          differ.add("url");
        }
        if (!seen.message().strip().equals(risk.message().strip())) {
          differ.add("message");
        }
        if (!seen.matchingRules().equals(risk.matchingRules())) {
          differ.add("matchingRules");
        }
        if (!differ.isEmpty()) {
          findings.add(Finding.warning(b.source(), "inconsistent_risk", "risk " + risk.name() + " has another " + String.join(", ", differ) + " than in " + first.source() + "; the reference serves each target its own file's text, so clusters see two versions of one risk"));
        }
      }
    }
  }

  private static void checkChannelVersions(GraphData data, Set<String> releaseVersions, List<Finding> findings) {
    for (Channel c : data.channels()) {
      Set<String> unknown = new TreeSet<>();
      c.versions().stream().map(GraphDataValidator::bare).filter(v -> !releaseVersions.contains(v)).forEach(unknown::add);
      if (!unknown.isEmpty()) {
        String shown = String.join(", ", unknown.stream().limit(VERSIONS_SHOWN).toList());
        String more = unknown.size() > VERSIONS_SHOWN ? " and " + (unknown.size() - VERSIONS_SHOWN) + " more" : "";
        findings.add(Finding.warning(c.source(), "unknown_version", "channel " + c.name() + " lists " + unknown.size() + " version(s) no given release has: " + shown + more));
      }
    }
  }

  private static String bare(String version) {
    int plus = version.indexOf('+');
    return plus < 0 ? version : version.substring(0, plus);
  }
}
