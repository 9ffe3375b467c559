package io.covington.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.covington.loadtest.WeightedChoice.Weighted;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedChoiceTest {

  @Test
  void drawsInProportionToTheWeights() {
    WeightedChoice<String> choice =
        new WeightedChoice<>(List.of(new Weighted<>("a", 6.0), new Weighted<>("b", 3.0), new Weighted<>("c", 1.0)));
    SplittableRandom random = new SplittableRandom(7);
    Map<String, Integer> counts = new HashMap<>();
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      counts.merge(choice.next(random), 1, Integer::sum);
    }
    assertThat(counts.get("a") / (double) n).isCloseTo(0.6, within(0.01));
    assertThat(counts.get("b") / (double) n).isCloseTo(0.3, within(0.01));
    assertThat(counts.get("c") / (double) n).isCloseTo(0.1, within(0.01));
  }

  @Test
  void sharesAddUpToOneLargestFirst() {
    WeightedChoice<String> choice =
        new WeightedChoice<>(List.of(new Weighted<>("c", 1.0), new Weighted<>("a", 6.0), new Weighted<>("b", 3.0)));
    List<Weighted<String>> shares = choice.shares();
    assertThat(shares).extracting(Weighted::value).containsExactly("a", "b", "c");
    assertThat(shares.get(0).weight()).isCloseTo(0.6, within(1e-12));
    assertThat(shares.get(2).weight()).isCloseTo(0.1, within(1e-12));
    assertThat(shares.stream().mapToDouble(Weighted::weight).sum()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void aValueNeverToBeDrawnIsLeftOutNotWeightedZero() {
    assertThatThrownBy(() -> new WeightedChoice<>(List.of(new Weighted<>("a", 1.0), new Weighted<>("empty", 0.0))))
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> new WeightedChoice<>(List.of(new Weighted<>("nan", Double.NaN)))).hasMessageContaining("nan");
    assertThatThrownBy(() -> new WeightedChoice<>(List.<Weighted<String>>of())).hasMessageContaining("nothing");
  }
}
