package io.covington.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Header values no reader of a request header may fail on: the malformed values seen in the
 * wild, then random ones from a fixed seed (printed by the tests that use them, to reproduce).
 */
public final class HostileHeaderValues {

  public static final long SEED = 20261124L;

  private static final List<String> KNOWN = List.of(
      ";", ";;", ",", ",;,", "/", "//", "*/", "/*", "*/*;q=", "*/*;q", "*/*;=", "*/*;q==1", "*/*;q=1e9",
      "*/*;q=NaN", "*/*;q=-0", "*/*;q=0x1p-1", "application/json;", "application/json;;;q=1", "a/b/c",
      ";q=x", "gzip;q=x", "gzip;q=", "gzip;Q=", "gzip;q=Infinity", "gzip;q=NaN", ";q=0.5", "q=1",
      "W/", "W/\"", "W/\"x", "\"", "\"\"", "\",\"", "W/W/\"x\"", "*, *", ",,,W/", "\"unterminated",
      "\u0000", "\u0001;\u0002", "text/\u007f", "\u00e9/\u00e8", "\u4e2d\u6587/json", "\ud800", "\uffff;q=1",
      " ", "\t", "\t;\t", "application/json;q=\u0661");

  private HostileHeaderValues() {}

  /** The known values, an overlong one of each kind, and {@code random} random ones. */
  public static Stream<String> all(int random) {
    List<String> values = new ArrayList<>(KNOWN);
    for (String known : List.of(";", "*/*;q=0.5,", "gzip;q=0.1,", "W/\"x\",", "\"")) {
      values.add(known.repeat(8192 / known.length()));
    }
    Random rng = new Random(SEED);
    String alphabet = ";,/=*\"qQW \t.01-eE\u0000\u001f\u007f\u00ff\u0100abcjson";
    for (int i = 0; i < random; i++) {
      StringBuilder value = new StringBuilder();
      int length = rng.nextInt(40);
      for (int j = 0; j < length; j++) {
        value.append(alphabet.charAt(rng.nextInt(alphabet.length())));
      }
      values.add(value.toString());
    }
    return values.stream();
  }
}
