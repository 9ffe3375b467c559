package io.covington.server.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Takes each option's default from the environment: {@code --foo-bar} from {@code
 * COVINGTON_FOO_BAR}. A flag on the command line wins over the variable, and the variable over
 * the built-in default, so a container image can be configured by either. Help and version
 * options are not mapped.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {

  /** The prefix of every variable. */
  public static final String PREFIX = "COVINGTON_";

  private final Map<String, String> environment;

  public EnvironmentDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The variable that configures {@code option}, e.g. {@code COVINGTON_STATUS_PORT} for {@code --status-port}. */
  public static String variable(OptionSpec option) {
    String name = option.longestName().replaceFirst("^-+", "");
    return PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** Returns the variable's value, or null (the option's own default) when it is unset or empty. */
  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String value = environment.get(variable(option));
    return value == null || value.isEmpty() ? null : value;
  }
}
