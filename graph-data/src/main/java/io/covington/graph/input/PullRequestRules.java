package io.covington.graph.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.covington.graph.model.MatchingRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rules graph-data's own pull-request checks ({@code hack/validate-blocked-edges.py} and
 * {@code graph-data.rs}) apply to single files beyond what the reference server needs to read
 * them. A file that breaks one is still read and served as the reference serves it; the problem
 * kinds are in {@link #KINDS} (with {@code ignored_file}, a file in {@code channels/} or {@code
 * blocked-edges/} that is not read, and the validator's {@code channel_order}), so that {@code
 * validate} fails on them and a reload does not.
 */
public final class PullRequestRules {

  /** Problem kinds of these rules. */
  public static final Set<String> KINDS = Set.of(
      "invalid_risk_url", "invalid_risk_name", "duplicate_rule_type", "unknown_key", "misnamed_risk_file",
      "risk_fields_without_rules", "duplicate_version", "ignored_file", "channel_order");

  /** A risk name is a {@code ClusterOperatorStatusCondition} reason: the CI's CamelCase pattern. */
  static final Pattern RISK_NAME = Pattern.compile("^[A-Z][A-Za-z0-9_]*$");

  private static final Set<String> RISK_KEYS = Set.of("url", "name", "message", "fixedIn", "autoExtend", "matchingRules");
  private static final Set<String> BLOCK_KEYS = Set.of("to", "from", "osTransition");
  private static final Map<String, Set<String>> RULE_KEYS = Map.of(
      MatchingRule.ALWAYS, Set.of("type"), MatchingRule.PROMQL, Set.of("type", "promql"));

  private PullRequestRules() {}

  /** Checks one blocked-edges document (already known to be a mapping). */
  static void checkBlockedEdge(JsonNode node, String fileName, byte[] bytes, String source, Problems problems) {
    Lines lines = new Lines(bytes);
    Set<String> unknown = new TreeSet<>();
    node.fieldNames().forEachRemaining(k -> {
      if (!BLOCK_KEYS.contains(k) && !RISK_KEYS.contains(k)) {
        unknown.add(k);
      }
    });
    for (String key : unknown) {
      problems.add(LoadProblem.at(source, lines.key(key, 0), "unknown_key", "unknown key '" + key + "'; a blocked edge has "
          + String.join(", ", new TreeSet<>(union(BLOCK_KEYS, RISK_KEYS))) + " (graph-data's schema is closed: check the spelling)"));
    }
    boolean conditional = node.has("matchingRules") && !node.get("matchingRules").isNull();
    if (!conditional && !node.has("osTransition") && !node.has("message")) {
      Set<String> riskFields = new TreeSet<>();
      node.fieldNames().forEachRemaining(k -> {
        if (RISK_KEYS.contains(k)) {
          riskFields.add(k);
        }
      });
      if (!riskFields.isEmpty()) {
        String first = riskFields.iterator().next();
        problems.add(LoadProblem.at(source, lines.key(first, 0), "risk_fields_without_rules", "has " + String.join(", ", riskFields)
            + " but no 'matchingRules': the reference reads it neither as a block ('to' and 'from' only) nor as a risk and"
            + " ignores the file; add matchingRules or keep only 'to' and 'from'"));
      }
    }
    if (!conditional) {
      return;
    }
    checkUrl(node.get("url"), lines, source, problems);
    JsonNode name = node.get("name");
    if (name != null && name.isValueNode() && !RISK_NAME.matcher(name.asText()).matches()) {
      problems.add(LoadProblem.at(source, lines.key("name", 0), "invalid_risk_name", "risk name '" + name.asText()
          + "' must be a CamelCase reason matching " + RISK_NAME.pattern() + " (clusters use it as a condition reason), e.g. "
          + camelCase(name.asText())));
    }
    JsonNode to = node.get("to");
    if (name != null && to != null && to.isValueNode() && !fileName.startsWith(to.asText())) {
      problems.add(LoadProblem.at(source, lines.key("to", 0), "misnamed_risk_file", "a risk to " + to.asText()
          + " must be declared in a file named " + to.asText() + "-<name>.yaml, e.g. " + to.asText() + "-" + name.asText() + ".yaml"));
    }
    checkRules(node.get("matchingRules"), lines, source, problems);
  }

  private static void checkUrl(JsonNode url, Lines lines, String source, Problems problems) {
    if (url == null || !url.isValueNode()) {
      return;
    }
    String text = url.asText();
    String why = null;
    try {
      URI uri = new URI(text);
      if (!"https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))) {
        why = "must be an https:// URL";
      } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
        why = "has no host";
      }
    } catch (URISyntaxException e) {
      why = "is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")";
    }
    if (why != null) {
      problems.add(LoadProblem.at(source, lines.key("url", 0), "invalid_risk_url", "risk url '" + text + "' " + why
          + "; clusters show it to administrators as the place to read about the risk"));
    }
  }

  private static void checkRules(JsonNode rules, Lines lines, String source, Problems problems) {
    if (rules == null || !rules.isArray()) {
      return;
    }
    Map<String, Integer> seen = new HashMap<>();
    int index = 0;
    for (JsonNode rule : rules) {
      String type = rule.path("type").asText("");
      int occurrence = seen.merge(type, 1, Integer::sum) - 1;
      int line = lines.value("type", type, occurrence);
      if (occurrence == 1) {
        problems.add(LoadProblem.at(source, line, "duplicate_rule_type", "matchingRules[" + index + "] is a second rule of type '"
            + type + "': a cluster evaluates only the first rule of a type that succeeds, so merge the two into one"));
      }
      Set<String> allowed = RULE_KEYS.get(type);
      if (allowed != null && rule.isObject()) {
        Set<String> extra = new TreeSet<>();
        rule.fieldNames().forEachRemaining(k -> {
          if (!allowed.contains(k)) {
            extra.add(k);
          }
        });
        JsonNode promql = rule.get("promql");
        if (type.equals(MatchingRule.PROMQL) && promql != null && promql.isObject()) {
          promql.fieldNames().forEachRemaining(k -> {
            if (!k.equals("promql")) {
              extra.add("promql." + k);
            }
          });
        }
        for (String key : extra) {
          String bare = key.substring(key.lastIndexOf('.') + 1);
          problems.add(LoadProblem.at(source, lines.key(bare, 0), "unknown_key", "unknown key '" + key + "' in matchingRules["
              + index + "] of type " + type + "; it has only " + String.join(", ", new TreeSet<>(allowed))
              + (type.equals(MatchingRule.PROMQL) ? " and promql.promql" : "")));
        }
      }
      index++;
    }
  }

  /**
   * Reports versions listed twice in one channel, naming the line of each repetition.
   *
   * @param versions the versions as written, in file order
   */
  static void checkChannelVersions(List<String> versions, byte[] bytes, String source, Problems problems) {
    Set<String> seen = new HashSet<>();
    Map<String, Integer> repeats = new HashMap<>();
    Lines lines = new Lines(bytes);
    for (String v : versions) {
      if (!seen.add(v)) {
        int occurrence = repeats.merge(v, 1, Integer::sum);
        problems.add(LoadProblem.at(source, lines.listItem(v, occurrence), "duplicate_version",
            "version " + v + " is listed more than once; delete the repetition"));
      }
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static String camelCase(String name) {
    StringBuilder out = new StringBuilder();
    for (String word : name.split("[^A-Za-z0-9_]+")) {
      if (!word.isEmpty()) {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.length() == 0 || !Character.isUpperCase(out.charAt(0)) ? "MyRiskName" : out.toString();
  }

  /** Finds the line of a key or list item in YAML text: enough to point a reviewer at it. */
  static final class Lines {
    private final String[] lines;

    Lines(byte[] bytes) {
      this.lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
    }

    /** The 1-based line of the {@code occurrence}-th (0-based) {@code key:}, at any depth; 0 when not found. */
    int key(String key, int occurrence) {
      return find(Pattern.compile("^[\\s-]*['\"]?" + Pattern.quote(key) + "['\"]?\\s*:.*"), occurrence);
    }

    /** The line of the {@code occurrence}-th {@code key: value}; 0 when not found. */
    int value(String key, String value, int occurrence) {
      return find(Pattern.compile("^[\\s-]*" + Pattern.quote(key) + "\\s*:\\s*['\"]?" + Pattern.quote(value) + "['\"]?\\s*(#.*)?$"), occurrence);
    }

    /** The line of the {@code occurrence}-th block list item {@code - value}; 0 when not found. */
    int listItem(String value, int occurrence) {
      return find(Pattern.compile("^\\s*-\\s*['\"]?" + Pattern.quote(value) + "['\"]?\\s*(#.*)?$"), occurrence);
    }

    private int find(Pattern pattern, int occurrence) {
      int n = 0;
      for (int i = 0; i < lines.length; i++) {
        if (pattern.matcher(lines[i]).matches() && n++ == occurrence) {
          return i + 1;
        }
      }
      return 0;
    }
  }
}
