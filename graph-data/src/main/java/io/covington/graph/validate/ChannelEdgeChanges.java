package io.covington.graph.validate;

import io.covington.graph.model.VersionPair;
import java.util.List;

/**
 * How one channel's served updates on one architecture differ between a base and a new graph.
 *
 * @param removed updates the base offered (either way) and the new graph does not offer at all
 * @param madeConditional updates the base offered unconditionally and the new graph only with risks
 * @param added updates the new graph offers that the base did not
 * @param madeUnconditional updates the base offered with risks and the new graph without
 * @param risks risks added to, removed from or changed on updates that were conditional in both,
 *     by risk name
 */
public record ChannelEdgeChanges(
    String channel,
    String arch,
    List<VersionPair> removed,
    List<VersionPair> madeConditional,
    List<VersionPair> added,
    List<VersionPair> madeUnconditional,
    List<RiskChange> risks) {

  public ChannelEdgeChanges {
    removed = List.copyOf(removed);
    madeConditional = List.copyOf(madeConditional);
    added = List.copyOf(added);
    madeUnconditional = List.copyOf(madeUnconditional);
    risks = List.copyOf(risks);
  }

  /** Changes without risk changes on already conditional updates. */
  public ChannelEdgeChanges(
      String channel,
      String arch,
      List<VersionPair> removed,
      List<VersionPair> madeConditional,
      List<VersionPair> added,
      List<VersionPair> madeUnconditional) {
    this(channel, arch, removed, madeConditional, added, madeUnconditional, List.of());
  }

  public boolean isEmpty() {
    return removed.isEmpty() && madeConditional.isEmpty() && added.isEmpty() && madeUnconditional.isEmpty() && risks.isEmpty();
  }
}
