package io.covington.server.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.covington.server.http.HostileHeaderValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntityTagsTest {

  private static final String TAG = "\"abc\"";

  @ParameterizedTest
  @ValueSource(strings = {
      "\"abc\"",
      "*",
      " * ",
      "W/\"abc\"",
      "\"x\", \"abc\"",
      "\"x\",W/\"abc\",\"y\"",
      "\"x\" ,\t\"abc\"",
      "garbage, \"abc\""
  })
  void matchesByWeakComparison(String ifNoneMatch) {
    assertThat(EntityTags.noneMatchFails(ifNoneMatch, TAG)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "\"abcd\"",
      "\"ab\"",
      "abc",
      "W/abc",
      "\"x\", \"y\"",
      "\"abc-gzip\"",
      "\"ab",
      "**"
  })
  void doesNotMatchOtherTags(String ifNoneMatch) {
    assertThat(EntityTags.noneMatchFails(ifNoneMatch, TAG)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"\"a,b\", \"abc\"|true", "\"a,b\"|false"})
  void aCommaInsideATagDoesNotSplitIt(String ifNoneMatch, boolean matches) {
    assertThat(EntityTags.noneMatchFails(ifNoneMatch, TAG)).isEqualTo(matches);
  }

  @org.junit.jupiter.api.Test
  void noHeaderNeverMatches() {
    assertThat(EntityTags.noneMatchFails(null, TAG)).isFalse();
  }

  @Test
  void anyHeaderValueIsAnsweredNeverAFailure() {
    System.out.println("hostile If-None-Match values from seed " + HostileHeaderValues.SEED);
    HostileHeaderValues.all(5000).forEach(value ->
        assertThatCode(() -> EntityTags.noneMatchFails(value, "\"abc\"")).as("If-None-Match: %s", value).doesNotThrowAnyException());
  }
}
