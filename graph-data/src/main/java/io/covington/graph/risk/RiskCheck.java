package io.covington.graph.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.covington.graph.input.GraphData;
import io.covington.graph.validate.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Evaluates every PromQL matching rule of a graph-data tree the way the cluster-version-operator
 * does, on each {@link SyntheticCluster}: the result must be an instant vector of exactly one
 * sample whose value is 0 or 1, or the cluster cannot evaluate the risk (the update is then
 * neither recommended nor refused). All rules and clusters go to one {@code promtool} run;
 * identical queries are evaluated once.
 */
public final class RiskCheck {

  /** The finding kind of a rule that a cluster cannot evaluate. */
  public static final String KIND = "risk_not_evaluable";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTROL = "control";
  private static final String EVAL_TIME = SyntheticCluster.WINDOW_MINUTES + "m";

  /**
   * What the check did.
   *
   * @param rules distinct PromQL queries evaluated
   * @param clusters synthetic clusters each was evaluated on
   * @param findings one error per blocked-edges file whose rule some cluster cannot evaluate
   */
  public record Result(int rules, int clusters, List<Finding> findings) {
    public Result {
      findings = List.copyOf(findings);
    }
  }

  private RiskCheck() {}

  /** Checks {@code data}'s rules on the {@linkplain SyntheticCluster#standard() standard clusters}. */
  public static Result run(GraphData data, Promtool promtool) throws PromtoolException {
    return run(RiskRule.of(data), SyntheticCluster.standard(), promtool);
  }

  /** Checks {@code rules} on {@code clusters}. */
  public static Result run(List<RiskRule> rules, List<SyntheticCluster> clusters, Promtool promtool)
      throws PromtoolException {
    if (rules.isEmpty()) {
      return new Result(0, clusters.size(), List.of());
    }
    Map<String, Evaluation> evaluations = evaluate(rules, clusters, promtool);
    List<Finding> findings = new ArrayList<>();
    for (int r = 0; r < rules.size(); r++) {
      Optional<String> problem = problem(r, clusters, evaluations);
      if (problem.isPresent()) {
        for (RiskRule.Use use : rules.get(r).uses()) {
          findings.add(Finding.error(use.source(), KIND, "risk " + use.risk() + ": " + problem.get()));
        }
      }
    }
    return new Result(rules.size(), clusters.size(), findings);
  }

  /**
   * Every evaluation by id ({@code p<rule>} the unwrapped parse check, {@code r<rule>c<cluster>}
   * the result on a cluster); an id missing from the map gave no sample.
   */
  static Map<String, Evaluation> evaluate(List<RiskRule> rules, List<SyntheticCluster> clusters, Promtool promtool)
      throws PromtoolException {
    Path file = null;
    try {
      file = Files.createTempFile("covington-risk-check-", ".json");
      Files.writeString(file, testFile(rules, clusters));
      String output = promtool.testRules(file);
      Map<String, Evaluation> evaluations = PromtoolReport.parse(output);
      for (int c = 0; c < clusters.size(); c++) {
        Evaluation control = evaluations.get(CONTROL + c);
        if (control == null || !control.isEvaluable()) {
          throw new PromtoolException(promtool + " test rules did not evaluate the control expression on the "
              + clusters.get(c).name() + " cluster; is it promtool, and are the cluster's series valid? It printed: "
              + excerpt(output));
        }
      }
      return evaluations;
    } catch (IOException e) {
      throw new PromtoolException("cannot write the risk check's test file: " + e.getMessage());
    } finally {
      deleteQuietly(file);
    }
  }

  /** What is wrong with rule {@code r} on the clusters, in one sentence; empty when every cluster can evaluate it. */
  private static Optional<String> problem(int r, List<SyntheticCluster> clusters, Map<String, Evaluation> evaluations) {
    Optional<String> parseError = evaluations.getOrDefault(parseId(r), Evaluation.EMPTY).error();
    if (parseError.isPresent()) {
      String err = parseError.get();
      return Optional.of((err.contains("parse error") ? "the PromQL rule does not parse: " : "the PromQL rule cannot be evaluated: ") + err);
    }
    List<String> wrong = new ArrayList<>();
    for (int c = 0; c < clusters.size(); c++) {
      Evaluation e = evaluations.getOrDefault(evalId(r, c), Evaluation.EMPTY);
      if (!e.isEvaluable()) {
        wrong.add(describe(e) + " on the " + clusters.get(c).name() + " cluster");
      }
    }
    if (wrong.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("the PromQL rule gives " + String.join("; ", wrong)
        + " (the cluster-version-operator needs exactly one sample whose value is 0 or 1)");
  }

  private static String describe(Evaluation e) {
    if (e.error().isPresent()) {
      String err = e.error().get();
      return err.contains("parse error")
          ? "a result that is not an instant vector (" + err + ")"
          : "the evaluation error '" + err + "'";
    }
    int n = e.samples().size();
    String listed = e.samples().stream().limit(4).map(Evaluation.Sample::toString).collect(Collectors.joining(", "));
    return n + (n == 1 ? " sample" : " samples") + (n == 0 ? "" : " (" + listed + (n > 4 ? ", …" : "") + ")");
  }

  /**
   * The promtool unit-test document: one test per cluster, every rule in each (wrapped so that a
   * scalar or range-vector result fails to parse), each rule once more unwrapped for its own parse
   * errors, and in each test a control expression that must give one sample.
   */
  static String testFile(List<RiskRule> rules, List<SyntheticCluster> clusters) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("evaluation_interval", "1m");
    ArrayNode tests = doc.putArray("tests");
    for (int c = 0; c < clusters.size(); c++) {
      ObjectNode test = tests.addObject();
      test.put("name", clusters.get(c).name());
      test.put("interval", "1m");
      ArrayNode input = test.putArray("input_series");
      for (String s : clusters.get(c).series()) {
        int split = s.lastIndexOf("} ") + 1;
        input.addObject().put("series", s.substring(0, split)).put("values", s.substring(split).trim());
      }
      ArrayNode exprs = test.putArray("promql_expr_test");
      expr(exprs, PromtoolReport.marker("vector(1)", CONTROL + c));
      if (c == 0) {
        for (int r = 0; r < rules.size(); r++) {
          expr(exprs, PromtoolReport.marker(rules.get(r).promql(), parseId(r)));
        }
      }
      for (int r = 0; r < rules.size(); r++) {
        // "and on () vector(1)" keeps an instant vector as it is and does not parse for anything else.
        String wrapped = "(\n" + rules.get(r).promql() + "\n) and on () vector(1)";
        expr(exprs, PromtoolReport.marker(wrapped, evalId(r, c)));
      }
    }
    return doc.toPrettyString();
  }

  private static void expr(ArrayNode exprs, String expr) {
    exprs.addObject().put("expr", expr).put("eval_time", EVAL_TIME).putArray("exp_samples");
  }

  private static String parseId(int r) {
    return "p" + r;
  }

  static String evalId(int r, int c) {
    return "r" + r + "c" + c;
  }

  private static String excerpt(String output) {
    String trimmed = output.strip();
    return trimmed.isEmpty() ? "(nothing)" : trimmed.length() > 400 ? trimmed.substring(0, 400) + "…" : trimmed;
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A temporary file left behind is harmless; the check's result is what matters.
      }
    }
  }
}
