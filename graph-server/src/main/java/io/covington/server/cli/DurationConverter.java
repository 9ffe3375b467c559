package io.covington.server.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration the way Kubernetes and Go write them, {@code 500ms}, {@code 20s}, {@code 5m},
 * {@code 1h}, as a plain number of seconds ({@code 90}), or in ISO-8601 ({@code PT20S}).
 */
public final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)?");

  @Override
  public Duration convert(String value) {
    Matcher simple = SIMPLE.matcher(value.strip());
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      return switch (simple.group(2) == null ? "s" : simple.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    try {
      Duration parsed = Duration.parse(value.strip());
      if (parsed.isNegative()) {
        throw new TypeConversionException("'" + value + "' is negative; give e.g. 20s");
      }
      return parsed;
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not a duration; give e.g. 500ms, 20s, 90, 5m, 1h or PT20S");
    }
  }
}
