package io.covington.policy.path;

/** Whether an update is offered to every cluster or only to those its risks do not apply to. */
public enum HopKind {
  UNCONDITIONAL("unconditional"),
  CONDITIONAL("conditional");

  private final String wireName;

  HopKind(String wireName) {
    this.wireName = wireName;
  }

  /** The lower-case name used in responses. */
  public String wireName() {
    return wireName;
  }
}
