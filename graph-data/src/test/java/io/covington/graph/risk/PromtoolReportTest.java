package io.covington.graph.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading promtool's unit-test report, as promtool 2.42 prints it. */
class PromtoolReportTest {

  @Test
  void readsSamplesWhoseLabelsHoldCommasBracesAndQuotes() throws PromtoolException {
    String output = "Unit Testing:  t.json\n  FAILED:\n"
        + "    expr: \"x\\n# covington-risk-check r0c1\", time: 2h,\n"
        + "        exp: nil\n"
        + "        got: {a=\"1, {b=\\\"c\\\"}\"} 1E+00, {a=\"2\"} NaN, {} -1E+00\n"
        + "    expr: \"(\\n1\\n) and on () vector(1)\\n# covington-risk-check r1c0\", time: 2h, err: 1:1: parse error: nope\n";

    Map<String, Evaluation> byId = PromtoolReport.parse(output);

    assertThat(byId.get("r0c1").samples()).extracting(Evaluation.Sample::toString)
        .containsExactly("{a=\"1, {b=\\\"c\\\"}\"} 1", "{a=\"2\"} NaN", "{} -1");
    assertThat(byId.get("r0c1").isEvaluable()).isFalse();
    assertThat(byId.get("r1c0").error()).contains("1:1: parse error: nope");
    assertThat(byId).doesNotContainKey("r2c0");
  }

  @Test
  void oneSampleOfZeroOrOneIsEvaluable() throws PromtoolException {
    assertThat(new Evaluation(Optional.empty(), PromtoolReport.samples("{} 0E+00")).isEvaluable()).isTrue();
    assertThat(new Evaluation(Optional.empty(), PromtoolReport.samples("{x=\"y\"} 1E+00")).isEvaluable()).isTrue();
    assertThat(new Evaluation(Optional.empty(), PromtoolReport.samples("{} 5E-01")).isEvaluable()).isFalse();
    assertThat(Evaluation.EMPTY.isEvaluable()).isFalse();
  }

  @Test
  void refusesAReportedExpressionWithoutResult() {
    assertThatThrownBy(() -> PromtoolReport.parse("    expr: \"x\\n# covington-risk-check r0c0\", time: 2h,\n"))
        .isInstanceOf(PromtoolException.class).hasMessageContaining("no result for expression r0c0");
  }
}
