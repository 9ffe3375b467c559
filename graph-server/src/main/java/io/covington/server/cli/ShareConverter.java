package io.covington.server.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a share: {@code 10%} or {@code 0.1}, between 0 and 1 (100%). */
public final class ShareConverter implements ITypeConverter<Double> {

  @Override
  public Double convert(String value) {
    String v = value.strip();
    double share;
    try {
      share = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1).strip()) / 100 : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a share; give e.g. 10% or 0.1");
    }
    if (!(share >= 0 && share <= 1)) {
      throw new TypeConversionException("'" + value + "' is not between 0% and 100%");
    }
    return share;
  }
}
