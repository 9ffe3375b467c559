package io.covington.graph.validate;

import static io.covington.graph.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validator over the real cincinnati-graph-data and over copies broken one way each. */
class GraphDataValidatorTest {

  @TempDir Path dir;

  private Path copy;

  @BeforeEach
  void copyTheRealData() throws IOException {
    copy = dir.resolve("graph-data");
    copyTree(BundledData.directory("openshift/graph-data"), copy);
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private List<Finding> validate() throws InvalidInputException {
    return GraphDataValidator.validate(GraphDataReader.read(copy), Optional.empty());
  }

  private List<Finding> errors() throws InvalidInputException {
    return validate().stream().filter(Finding::isError).toList();
  }

  @Test
  void theRealGraphDataPasses() throws InvalidInputException {
    List<Finding> findings = validate();

    assertThat(findings).noneMatch(Finding::isError);
    // Three real blocks name versions that no channel lists: reported, not failed.
    assertThat(findings).extracting(f -> f.problem().kind()).containsOnly("unknown_target");
    assertThat(findings).hasSize(3);
  }

  @Test
  void theRealGraphDataPassesAgainstTheBundledReleases() throws InvalidInputException {
    GraphData data = GraphDataReader.read(copy);

    List<Finding> findings = GraphDataValidator.validate(data, Optional.of(BundledData.releases()));

    assertThat(findings).noneMatch(Finding::isError);
    // The bundled releases stop at 4.18, so newer channels list versions they lack.
    assertThat(findings).anyMatch(f -> f.problem().kind().equals("unknown_version") && f.problem().source().endsWith("stable-4.20.yaml"));
  }

  @Test
  void reportsABrokenYamlFileWithItsFileAndLine() throws InvalidInputException {
    Path file = write(copy, "channels/stable-4.16.yaml", "name: stable-4.16\nversions: [4.16.1\n");

    assertThat(errors()).singleElement().satisfies(f -> {
      assertThat(f.problem().source()).isEqualTo(file.toString());
      assertThat(f.problem().kind()).isEqualTo("invalid_yaml");
      assertThat(f.problem().line()).isPresent();
    });
  }

  @Test
  void reportsASchemaViolation() throws InvalidInputException {
    Path file = write(copy, "blocked-edges/4.16.99-no-from.yaml", "to: 4.16.3\n");

    assertThat(errors()).singleElement().satisfies(f -> {
      assertThat(f.problem().source()).isEqualTo(file.toString());
      assertThat(f.problem().kind()).isEqualTo("missing_field");
      assertThat(f.problem().message()).contains("'from'");
    });
  }

  @Test
  void reportsARegexThatDoesNotCompile() throws InvalidInputException {
    Path file = write(copy, "blocked-edges/4.16.3-bad-regex.yaml", "to: 4.16.3\nfrom: 4\\.15\\.(\n");

    assertThat(errors()).singleElement().satisfies(f -> {
      assertThat(f.problem().source()).isEqualTo(file.toString());
      assertThat(f.problem().kind()).isEqualTo("invalid_regex");
    });
  }

  @Test
  void warnsOfATargetNoChannelHas() throws InvalidInputException {
    Path file = write(copy, "blocked-edges/4.16.999-typo.yaml", "to: 4.16.999\nfrom: 4\\.15\\..*\n");

    assertThat(validate()).anySatisfy(f -> {
      assertThat(f.problem().source()).isEqualTo(file.toString());
      assertThat(f.problem().kind()).isEqualTo("unknown_target");
    });
  }

  @Test
  void warnsOfChannelVersionsNoReleaseHas() throws InvalidInputException {
    Path file = write(copy, "channels/stable-4.16.yaml", "name: stable-4.16\nversions:\n- 4.16.3\n- 4.16.777\n");

    List<Finding> findings = GraphDataValidator.validate(GraphDataReader.read(copy), Optional.of(BundledData.releases()));

    assertThat(findings).anySatisfy(f -> {
      assertThat(f.problem().source()).isEqualTo(file.toString());
      assertThat(f.problem().kind()).isEqualTo("unknown_version");
      assertThat(f.problem().message()).contains("4.16.777").doesNotContain("4.16.3,");
    });
  }

  @Test
  void reportsADuplicateBlock() throws IOException, InvalidInputException {
    Path original = copy.resolve("blocked-edges/4.16.3-AzureDefaultVMType.yaml");
    Path duplicate = copy.resolve("blocked-edges/4.16.3-ZZ-duplicate.yaml");
    Files.copy(anyConditionalBlock(), original);
    Files.copy(original, duplicate);

    assertThat(errors()).singleElement().satisfies(f -> {
      assertThat(f.problem().kind()).isEqualTo("duplicate_block");
      assertThat(f.problem().source()).isEqualTo(duplicate.toString());
      assertThat(f.problem().message()).contains(original.toString());
    });
  }

  @Test
  void reportsAContradictoryBlock() throws InvalidInputException {
    write(copy, "blocked-edges/4.16.3-risk.yaml", risk("4.16.3", "4\\.15\\..*", "SomeRisk", "It breaks."));
    Path removal = write(copy, "blocked-edges/4.16.3-zz-removed.yaml", "to: 4.16.3\nfrom: 4\\.15\\..*\n");

    assertThat(errors()).singleElement().satisfies(f -> {
      assertThat(f.problem().kind()).isEqualTo("contradictory_block");
      assertThat(f.problem().source()).isEqualTo(removal.toString());
    });
  }

  @Test
  void reportsOneRiskDefinedTwoWays() throws InvalidInputException {
    write(copy, "blocked-edges/4.16.3-NewRisk.yaml", risk("4.16.3", "4\\.15\\..*", "NewRisk", "It breaks."));
    Path second = write(copy, "blocked-edges/4.16.4-NewRisk.yaml", risk("4.16.4", "4\\.15\\..*", "NewRisk", "Something else."));

    assertThat(errors()).singleElement().satisfies(f -> {
      assertThat(f.problem().kind()).isEqualTo("inconsistent_risk");
      assertThat(f.problem().source()).isEqualTo(second.toString());
      assertThat(f.problem().message()).contains("message");
    });
  }

  @Test
  void reportsARiskWithoutRules() throws InvalidInputException {
    Path noRules = write(copy, "blocked-edges/4.16.3-NoRules.yaml",
        "to: 4.16.3\nfrom: 4\\.15\\..*\nurl: https://issues.example.com/1\nname: NoRules\nmessage: It breaks.\n");
    Path emptyRules = write(copy, "blocked-edges/4.16.4-EmptyRules.yaml",
        "to: 4.16.4\nfrom: 4\\.15\\..*\nurl: https://issues.example.com/1\nname: EmptyRules\nmessage: It breaks.\nmatchingRules: []\n");

    assertThat(errors()).hasSize(2).anySatisfy(f -> {
      assertThat(f.problem().kind()).isEqualTo("risk_without_rules");
      assertThat(f.problem().source()).isEqualTo(noRules.toString());
    }).anySatisfy(f -> {
      assertThat(f.problem().kind()).isEqualTo("invalid_risk");
      assertThat(f.problem().source()).isEqualTo(emptyRules.toString());
    });
  }

  @Test
  void reportsADuplicateChannel() throws InvalidInputException {
    Path file = write(copy, "channels/stable-4.16-copy.yaml", "name: stable-4.16\nversions:\n- 4.16.3\n");

    assertThat(errors()).anySatisfy(f -> {
      assertThat(f.problem().kind()).isEqualTo("duplicate_channel");
      assertThat(f.problem().toString()).contains(file.toString());
    });
  }

  @Test
  void reportsNoChannelsAsAnError(@TempDir Path empty) throws InvalidInputException {
    Path data = io.covington.graph.TestFiles.graphData(empty);

    assertThat(GraphDataValidator.validate(GraphDataReader.read(data), Optional.empty()))
        .anySatisfy(f -> assertThat(f.problem().kind()).isEqualTo("no_channels"));
  }

  private Path anyConditionalBlock() throws IOException {
    try (Stream<Path> files = Files.list(copy.resolve("blocked-edges"))) {
      Path real = files.filter(p -> p.getFileName().toString().startsWith("4.16.")).sorted().findFirst().orElseThrow();
      Path moved = dir.resolve("picked.yaml");
      Files.move(real, moved);
      return moved;
    }
  }

  private static String risk(String to, String from, String name, String message) {
    return "to: " + to + "\nfrom: " + from + "\nurl: https://issues.example.com/" + name + "\nname: " + name
        + "\nmessage: " + message + "\nmatchingRules:\n- type: Always\n";
  }
}
