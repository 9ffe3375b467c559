package io.covington.graph.risk;

import io.covington.graph.risk.Evaluation.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code promtool test rules} on a test file whose every expression expects
 * no sample: promtool prints each expression that gave a sample (its {@code got:} line) or an
 * error, and nothing for an empty result. Expressions are recognised by the marker comment {@link
 * #marker(String)} appended to each.
 */
final class PromtoolReport {

  private static final String MARK = "# covington-risk-check ";
  // promtool prints the expression Go-quoted, so the marker's newline appears as \n.
  private static final Pattern EXPR =
      Pattern.compile("^\\s*expr: \".*\\\\n" + MARK + "(\\S+)\", time: [^,]*,(?: err: (.*))?$");
  private static final Pattern GOT = Pattern.compile("^\\s*got: (.*)$");

  private PromtoolReport() {}

  /** The expression {@code promql} carrying the marker {@code id} (a comment: the query is unchanged). */
  static String marker(String promql, String id) {
    return promql + "\n" + MARK + id;
  }

  /**
   * The evaluations by marker id; an id that promtool did not print gave an empty result.
   *
   * @throws PromtoolException when a reported expression has neither an error nor samples
   */
  static Map<String, Evaluation> parse(String output) throws PromtoolException {
    Map<String, Evaluation> byId = new HashMap<>();
    String[] lines = output.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = EXPR.matcher(lines[i]);
      if (!m.matches()) {
        continue;
      }
      String id = m.group(1);
      if (m.group(2) != null) {
        byId.put(id, new Evaluation(Optional.of(m.group(2).trim()), List.of()));
        continue;
      }
      List<Sample> samples = null;
      for (int j = i + 1; j < lines.length && j <= i + 2 && samples == null; j++) {
        Matcher got = GOT.matcher(lines[j]);
        if (got.matches()) {
          samples = samples(got.group(1).trim());
        }
      }
      if (samples == null) {
        throw new PromtoolException("promtool's output has no result for expression " + id + " near: " + lines[i].trim());
      }
      byId.put(id, new Evaluation(Optional.empty(), samples));
    }
    return byId;
  }

  /** {@code {a="x"} 1E+00, {b="y, z"} 0E+00}, or {@code nil}. */
  static List<Sample> samples(String got) throws PromtoolException {
    List<Sample> samples = new ArrayList<>();
    if (got.equals("nil") || got.isEmpty()) {
      return samples;
    }
    int i = 0;
    while (i < got.length()) {
      if (got.charAt(i) != '{') {
        throw new PromtoolException("unexpected sample in promtool's output at column " + (i + 1) + ": " + got);
      }
      int end = labelsEnd(got, i);
      String labels = got.substring(i, end + 1);
      int comma = got.indexOf(", {", end);
      String value = got.substring(end + 1, comma < 0 ? got.length() : comma).trim();
      samples.add(new Sample(labels, value(value, got)));
      i = comma < 0 ? got.length() : comma + 2;
    }
    return samples;
  }

  private static int labelsEnd(String got, int start) throws PromtoolException {
    boolean quoted = false;
    for (int i = start + 1; i < got.length(); i++) {
      char c = got.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '}') {
        return i;
      }
    }
    throw new PromtoolException("unterminated labels in promtool's output: " + got);
  }

  private static double value(String text, String got) throws PromtoolException {
    switch (text) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new PromtoolException("unexpected sample value '" + text + "' in promtool's output: " + got);
        }
    }
  }
}
