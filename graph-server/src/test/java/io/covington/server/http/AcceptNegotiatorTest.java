package io.covington.server.http;

import static io.covington.server.http.AcceptNegotiator.CINCINNATI_V1;
import static io.covington.server.http.AcceptNegotiator.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptNegotiatorTest {

  private final AcceptNegotiator graph = AcceptNegotiator.forCincinnatiGraph();
  private final AcceptNegotiator json = AcceptNegotiator.forJson();

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void noAcceptHeaderAnswersTheCincinnatiType(String header) {
    assertThat(graph.negotiate(header)).contains(CINCINNATI_V1);
    assertThat(json.negotiate(header)).contains(JSON);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "application/json | application/json",
        "application/vnd.redhat.cincinnati.v1+json | application/vnd.redhat.cincinnati.v1+json",
        "*/* | application/json",
        "* | application/json",
        "application/* | application/json",
        "APPLICATION/JSON | application/json",
        "Application/Vnd.RedHat.Cincinnati.V1+JSON | application/vnd.redhat.cincinnati.v1+json",
        "application/json, text/plain | application/json",
        "text/plain, application/json | application/json",
        "text/html, */*;q=0.1 | application/json",
        "application/json; charset=utf-8 | application/json",
        "application/json;q=0.5, application/vnd.redhat.cincinnati.v1+json | application/vnd.redhat.cincinnati.v1+json",
        "application/vnd.redhat.cincinnati.v1+json;q=0.2, application/json;q=0.9 | application/json",
        "application/vnd.redhat.cincinnati.v1+json, application/json | application/vnd.redhat.cincinnati.v1+json",
        "application/json, application/vnd.redhat.cincinnati.v1+json | application/json",
        "*/*;q=0.5, application/vnd.redhat.cincinnati.v1+json;q=0.5 | application/vnd.redhat.cincinnati.v1+json",
        "*/*, application/json;q=0 | application/vnd.redhat.cincinnati.v1+json",
        "application/*, application/json;q=0 | application/vnd.redhat.cincinnati.v1+json",
        "application/json;q=0, application/vnd.redhat.cincinnati.v1+json;q=0.001 | application/vnd.redhat.cincinnati.v1+json",
        "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2 | application/json",
        "application/json;q=1.000 | application/json",
        "application/json ; q=0.7 ; ext=1 | application/json",
        "bogus, application/json | application/json",
        "application/json;q=2, application/vnd.redhat.cincinnati.v1+json | application/vnd.redhat.cincinnati.v1+json",
      })
  void choosesTheResponseType(String accept, String expected) {
    assertThat(graph.negotiate(accept)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/html",
        "text/*",
        "application/xml, text/plain",
        "application/json;q=0",
        "application/json;q=0, application/vnd.redhat.cincinnati.v1+json;q=0.0",
        "*/*;q=0",
        "application/*;q=0",
        "application/json;q=0.000",
        "bogus",
        "application/",
        "/json",
        "*/json",
        "application/json;q=abc",
        ",,,",
      })
  void nothingAcceptableIsRefused(String accept) {
    assertThat(graph.negotiate(accept)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "application/json | application/json",
        "*/* | application/json",
        "application/* | application/json",
      })
  void aJsonEndpointServesJson(String accept, String expected) {
    assertThat(json.negotiate(accept)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/vnd.redhat.cincinnati.v1+json", "text/html", "application/json;q=0"})
  void aJsonEndpointRefusesOtherTypes(String accept) {
    assertThat(json.negotiate(accept)).isEmpty();
  }

  @Test
  void anyHeaderValueIsAnsweredNeverAFailure() {
    System.out.println("hostile Accept values from seed " + HostileHeaderValues.SEED);
    HostileHeaderValues.all(5000).forEach(accept -> {
      assertThatCode(() -> graph.negotiate(accept)).as("Accept: %s", accept).doesNotThrowAnyException();
      assertThatCode(() -> json.negotiate(accept)).as("Accept: %s", accept).doesNotThrowAnyException();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {";", ";;", "/", "*/*;q=", "application/json;q=", ", ;"})
  void aHeaderOfNothingButMalformedRangesIsRefused(String accept) {
    assertThat(graph.negotiate(accept)).isEmpty();
  }
}
