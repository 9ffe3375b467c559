package io.covington.policy.coreos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalDouble;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientWarinessTest {

  private static final String UUID = "e0f3745b108f471cbd4883c6fbed8cdd";
  private static final double UUID_WARINESS = 0.6533234000651716;

  @Test
  void derivesTheProtocolTestVectorsFromNodeUuid() {
    assertThat(ClientWariness.fromNodeUuid("")).isEqualTo(0.18848315746051456);
    assertThat(ClientWariness.fromNodeUuid(UUID)).isEqualTo(UUID_WARINESS);
  }

  @Test
  void derivesTheSameAsCPythonForOtherNodeUuids() {
    // PYTHONHASHSEED=0 python3 -c 'print((hash(s.encode()+b"\xff") % 2**64) / 2**64)'
    assertThat(ClientWariness.fromNodeUuid("00000000000000000000000000000000")).isEqualTo(0.31524762352660596);
    // Not normalised: an upper-case uuid is another node.
    assertThat(ClientWariness.fromNodeUuid("E0F3745B108F471CBD4883C6FBED8CDD")).isEqualTo(0.0657423812844894);
    assertThat(ClientWariness.fromNodeUuid("nœud-ü")).isEqualTo(0.7044518223679023);
  }

  @Test
  void absentParametersMeanAnEmptyNodeUuid() {
    assertThat(ClientWariness.of(Optional.empty(), Optional.empty())).isEqualTo(0.18848315746051456);
    assertThat(ClientWariness.of(Optional.empty(), Optional.of(UUID))).isEqualTo(UUID_WARINESS);
  }

  @ParameterizedTest
  @CsvSource({
    "0.5, 0.5",
    "0, 0.0",
    "1, 1.0",
    "0.000001, 0.000001",
    "1e-3, 0.001",
    ".25, 0.25",
    "1., 1.0",
    "+0.75, 0.75",
    "-0.3, 0.0",
    "-0, 0.0",
    "1.7, 1.0",
    "1e999, 1.0",
    "inf, 1.0",
    "Infinity, 1.0",
    "-inf, 0.0",
    "-INFINITY, 0.0"
  })
  void rolloutWarinessIsClampedToZeroOne(String given, double expected) {
    assertThat(ClientWariness.parse(given)).isEqualTo(OptionalDouble.of(expected));
    assertThat(ClientWariness.of(Optional.of(given), Optional.of(UUID))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "nan", "-NaN", "", " 0.5", "0.5 ", "0.5d", "0x1p-1", "50%", "1e", ".", "abc", "0,5"})
  void rolloutWarinessThatIsNotANumberFallsBackToNodeUuid(String given) {
    assertThat(ClientWariness.parse(given)).isEmpty();
    assertThat(ClientWariness.of(Optional.of(given), Optional.of(UUID))).isEqualTo(UUID_WARINESS);
  }

  @Test
  void convertsUnsignedHashesToDoubleLikeRust() {
    assertThat(ClientWariness.unsignedToDouble(0)).isZero();
    assertThat(ClientWariness.unsignedToDouble(Long.MAX_VALUE)).isEqualTo(0x1.0p63);
    assertThat(ClientWariness.unsignedToDouble(Long.MIN_VALUE)).isEqualTo(0x1.0p63);
    assertThat(ClientWariness.unsignedToDouble(-1L)).isEqualTo(0x1.0p64); // u64::MAX as f64
  }

  @Property
  void derivedWarinessIsStableAndWithinItsBounds(@ForAll String nodeUuid) {
    double wariness = ClientWariness.fromNodeUuid(nodeUuid);
    assertThat(wariness).isBetween(ClientWariness.MIN_DERIVED, 1.0);
    assertThat(ClientWariness.fromNodeUuid(nodeUuid)).isEqualTo(wariness);
  }
}
