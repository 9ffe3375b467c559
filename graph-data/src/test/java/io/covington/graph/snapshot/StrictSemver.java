package io.covington.graph.snapshot;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * SemVer 2.0 validity and precedence written straight from semver.org, independent of the library
 * the builder uses, so that properties do not check the code against itself.
 */
final class StrictSemver {

  /** The regular expression semver.org recommends. */
  private static final Pattern SEMVER =
      Pattern.compile(
          "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

  /** Precedence per semver.org §11; build metadata is ignored. */
  static final Comparator<String> PRECEDENCE = StrictSemver::compare;

  private StrictSemver() {}

  static boolean isValid(String version) {
    return SEMVER.matcher(version).matches();
  }

  private static int compare(String a, String b) {
    String[] pa = withoutBuild(a).split("-", 2);
    String[] pb = withoutBuild(b).split("-", 2);
    String[] ca = pa[0].split("\\.");
    String[] cb = pb[0].split("\\.");
    for (int i = 0; i < 3; i++) {
      int c = new BigInteger(ca[i]).compareTo(new BigInteger(cb[i]));
      if (c != 0) {
        return c;
      }
    }
    boolean preA = pa.length > 1;
    boolean preB = pb.length > 1;
    if (!preA || !preB) {
      // A version without pre-release has higher precedence than one with.
      return Boolean.compare(!preA, !preB);
    }
    String[] ia = pa[1].split("\\.");
    String[] ib = pb[1].split("\\.");
    for (int i = 0; i < Math.min(ia.length, ib.length); i++) {
      int c = compareIdentifier(ia[i], ib[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(ia.length, ib.length);
  }

  private static int compareIdentifier(String a, String b) {
    boolean numA = a.chars().allMatch(Character::isDigit);
    boolean numB = b.chars().allMatch(Character::isDigit);
    if (numA && numB) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    if (numA != numB) {
      return numA ? -1 : 1;
    }
    return Integer.signum(a.compareTo(b));
  }

  private static String withoutBuild(String v) {
    int plus = v.indexOf('+');
    return plus < 0 ? v : v.substring(0, plus);
  }
}
