package io.covington.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every flag of every command, as the commands themselves declare them (not a hand-kept list),
 * is in its {@code --help} and in the README.
 */
class FlagsDocumentedTest {

  private static final Path README = Path.of("..", "README.md");

  private static List<CommandLine> commands() {
    CommandLine root = CovingtonCommand.commandLine(new CovingtonCommand(), Map.of());
    List<CommandLine> all = new ArrayList<>(List.of(root));
    all.addAll(root.getSubcommands().values());
    return all;
  }

  private static String help(CommandLine command) {
    StringWriter out = new StringWriter();
    command.setOut(new PrintWriter(out, true));
    assertThat(command.execute("--help")).isZero();
    return out.toString();
  }

  @Test
  void everyFlagIsInTheHelpOfItsCommand() {
    for (CommandLine command : commands()) {
      String help = help(command);
      for (OptionSpec option : command.getCommandSpec().options()) {
        assertThat(help).as(command.getCommandName() + " --help").contains(option.longestName());
      }
    }
  }

  @Test
  void everyFlagIsInTheReadme() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int flags = 0;
    for (CommandLine command : commands()) {
      for (OptionSpec option : command.getCommandSpec().options()) {
        String name = option.longestName();
        assertThat(readme).as(command.getCommandName() + " " + name + " in the README")
            .containsPattern("`" + name + "[ `]");
        flags++;
      }
    }
    assertThat(flags).as("flags checked").isGreaterThan(40);
  }
}
