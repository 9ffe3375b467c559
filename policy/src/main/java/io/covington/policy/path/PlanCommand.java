package io.covington.policy.path;

import java.util.Objects;

/**
 * A command an administrator runs to carry out a plan, in order.
 *
 * @param purpose what it does and why, one sentence
 * @param command the command line, ready to paste
 */
public record PlanCommand(String purpose, String command) {

  public PlanCommand {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(command, "command");
  }
}
