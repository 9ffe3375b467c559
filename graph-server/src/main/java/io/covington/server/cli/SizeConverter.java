package io.covington.server.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a size in bytes: {@code 1048576}, {@code 512KiB}, {@code 1MiB}, {@code 2GiB} (or KB, MB, GB, also powers of 2). */
public final class SizeConverter implements ITypeConverter<Long> {

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

  @Override
  public Long convert(String value) {
    Matcher m = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new TypeConversionException("'" + value + "' is not a size; give e.g. 1MiB, 512KiB or a number of bytes");
    }
    long amount = Long.parseLong(m.group(1));
    int shift = switch (m.group(2)) {
      case "k", "kb", "kib" -> 10;
      case "m", "mb", "mib" -> 20;
      case "g", "gb", "gib" -> 30;
      default -> 0;
    };
    if (amount > (Long.MAX_VALUE >> shift)) {
      throw new TypeConversionException("'" + value + "' is too large");
    }
    return amount << shift;
  }
}
