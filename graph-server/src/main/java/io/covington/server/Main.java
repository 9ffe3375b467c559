package io.covington.server;

import io.covington.server.cli.CovingtonCommand;

/** The {@code covington} command's entry point: the flags are {@link CovingtonCommand}'s. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(CovingtonCommand.commandLine(new CovingtonCommand(), System.getenv()).execute(args));
  }
}
