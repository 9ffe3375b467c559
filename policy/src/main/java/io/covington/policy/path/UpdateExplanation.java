package io.covington.policy.path;

import java.util.List;
import java.util.Objects;

/**
 * Why the direct update {@code from -> to} is or is not offered in a channel on an architecture.
 *
 * @param offer how the channel offers the update
 * @param reasons every reason that applies, most basic first (missing releases, channel
 *     membership, then what happened to the update itself); never empty
 */
public record UpdateExplanation(
    String channel, String arch, String from, String to, Offer offer, List<UpdateReason> reasons) {

  /** How a channel offers a direct update. */
  public enum Offer {
    UNCONDITIONAL("unconditional"),
    CONDITIONAL("conditional"),
    NOT_OFFERED("not_offered");

    private final String wireName;

    Offer(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public UpdateExplanation {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(offer, "offer");
    reasons = List.copyOf(reasons);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("an explanation needs at least one reason");
    }
  }

  public boolean offered() {
    return offer != Offer.NOT_OFFERED;
  }
}
