package io.covington.graph.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a reload is held back instead of replacing the served graph: when it would offer again more
 * than a share of the updates the served graph blocks, offer unconditionally more than a share of
 * its conditional updates, or make a channel lose more than a share of its releases. A graph-data
 * change that really does so stays possible: an operator accepts the held revision.
 *
 * <p>The defaults come from the history of openshift/cincinnati-graph-data (10,048 first-parent
 * commits, September 2019 to August 2026). No commit removed more than 3.9% of the blocked-edges
 * files there were (36 of 1,023, a revert in July 2024); no change of a channel file made the
 * channel lose more than 11% of its releases (1 of 9, February 2020), and only 12 lost any. Built
 * with the bundled releases, the 39 commits that removed the most blocks, channel entries or risks
 * made at most 23% of the conditional updates unconditional (52 of 225: the KubeletRestartBug risk
 * withdrawn on 2023-06-30, a real and wanted change), the next 5.2% (208 of 3,985), and dropped no
 * channel's releases. Moving {@code blocked-edges/} away reopens 100%, a half-copied tree dropped 51%
 * of stable-4.16's releases.
 *
 * @param maxReopened the share of blocked updates a reload may offer again
 * @param maxUnconditioned the share of conditional updates a reload may offer unconditionally
 * @param maxChannelLoss the share of its releases a channel may lose in one reload
 * @param minUpdates fewer changed updates than this never hold a reload back (small graphs)
 * @param minChannelReleases channels with fewer releases than this are not judged
 */
public record SafetyPolicy(
    double maxReopened, double maxUnconditioned, double maxChannelLoss, int minUpdates, int minChannelReleases) {

  /** 25% of blocked or conditional updates, 25% of a channel's releases; at least 10 updates, 5 releases. */
  public static final SafetyPolicy DEFAULT = new SafetyPolicy(0.25, 0.25, 0.25, 10, 5);

  /** Never holds anything back. */
  public static final SafetyPolicy OFF = new SafetyPolicy(1, 1, 1, Integer.MAX_VALUE, Integer.MAX_VALUE);

  /** How many example updates or versions a reason names. */
  static final int EXAMPLES = 5;

  public SafetyPolicy {
    for (double share : new double[] {maxReopened, maxUnconditioned, maxChannelLoss}) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("a share must be between 0 and 1, got " + share);
      }
    }
  }

  /** Why {@code delta} must be held back, one line per reason with counts and examples; empty when it may be published. */
  public List<String> reasons(SafetyDelta delta) {
    List<String> reasons = new ArrayList<>();
    if (delta.reopened().size() >= minUpdates && share(delta.reopened().size(), delta.blocked()) > maxReopened) {
      reasons.add(String.format(Locale.ROOT, "would offer again %d of the %d blocked updates (%.0f%%, more than %.0f%%), e.g. %s",
          delta.reopened().size(), delta.blocked(), 100 * share(delta.reopened().size(), delta.blocked()), 100 * maxReopened,
          examples(delta.reopened())));
    }
    if (delta.unconditioned().size() >= minUpdates && share(delta.unconditioned().size(), delta.conditional()) > maxUnconditioned) {
      reasons.add(String.format(Locale.ROOT,
          "would offer unconditionally %d of the %d conditional updates (%.0f%%, more than %.0f%%), e.g. %s",
          delta.unconditioned().size(), delta.conditional(), 100 * share(delta.unconditioned().size(), delta.conditional()),
          100 * maxUnconditioned, examples(delta.unconditioned())));
    }
    for (SafetyDelta.ChannelLoss loss : delta.droppedReleases()) {
      if (loss.releases() >= minChannelReleases && loss.share() > maxChannelLoss) {
        reasons.add(String.format(Locale.ROOT, "channel %s (%s) would lose %d of its %d releases (%.0f%%, more than %.0f%%), e.g. %s",
            loss.channel(), loss.arch(), loss.lost().size(), loss.releases(), 100 * loss.share(), 100 * maxChannelLoss,
            examples(loss.lost())));
      }
    }
    return List.copyOf(reasons);
  }

  /** What a refused candidate would have blocked or made conditional that the served graph offers; empty when nothing. */
  public static Optional<String> tightening(SafetyDelta delta) {
    if (!delta.tightens()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    if (!delta.newlyBlocked().isEmpty()) {
      parts.add("blocked " + delta.newlyBlocked().size() + " update(s) (e.g. " + examples(delta.newlyBlocked()) + ")");
    }
    if (!delta.newlyConditional().isEmpty()) {
      parts.add("made " + delta.newlyConditional().size() + " update(s) conditional (e.g. " + examples(delta.newlyConditional()) + ")");
    }
    return Optional.of("the refused revision would have " + String.join(" and ", parts)
        + " that the served graph still offers: the served graph is the less safe one, fix the inputs");
  }

  private static double share(int part, int whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private static String examples(List<?> items) {
    List<String> shown = items.stream().limit(EXAMPLES).map(Object::toString).toList();
    return String.join(", ", shown) + (items.size() > EXAMPLES ? ", …" : "");
  }
}
