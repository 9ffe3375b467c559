package io.covington.server.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.covington.server.http.HostileHeaderValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentCodingsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "NULL|false",
      "''|false",
      "gzip|true",
      "GZIP|true",
      "x-gzip|true",
      "gzip, deflate, br|true",
      "br, deflate|false",
      "gzip;q=0|false",
      "gzip; q=0.000|false",
      "gzip;q=0.5|true",
      "gzip;q=0.5, identity;q=1|false",
      "gzip;q=1, identity;q=0.5|true",
      "identity|false",
      "*|true",
      "*;q=0|false",
      "*, gzip;q=0|false",
      "gzip;q=bogus|false",
      "deflate;q=1, *;q=0.1|true"
  })
  void negotiatesGzipOnlyWhenTheClientPrefersIt(String acceptEncoding, boolean gzip) {
    assertThat(ContentCodings.prefersGzip(acceptEncoding)).isEqualTo(gzip);
  }

  @Test
  void anyHeaderValueIsAnsweredNeverAFailure() {
    System.out.println("hostile Accept-Encoding values from seed " + HostileHeaderValues.SEED);
    HostileHeaderValues.all(5000).forEach(value ->
        assertThatCode(() -> ContentCodings.prefersGzip(value)).as("Accept-Encoding: %s", value).doesNotThrowAnyException());
  }
}
