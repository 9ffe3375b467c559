package io.covington.graph.validate;

import static io.covington.graph.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.MemoryTempDir;
import io.covington.graph.TestFiles;
import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validator over the real cincinnati-graph-data and over copies broken one way each. */
class GraphDataValidatorTest {

  @TempDir(factory = MemoryTempDir.class) Path dir;

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
    // The bundled releases are every release of every channel: only the 4.2 channels list
    // versions they lack, 4.2.10-s390x … 4.2.14-s390x, which are not amd64 releases. The blocks
    // left over are the three that name versions no channel lists, and three of those s390x names.
    assertThat(findings).extracting(f -> f.problem().kind() + " " + f.problem().source().replaceAll(".*/", ""))
        .containsExactlyInAnyOrder(
            "unknown_version candidate-4.2.yaml",
            "unknown_version fast-4.2.yaml",
            "unknown_version stable-4.2.yaml",
            "unknown_target 4.14.47-LabeledMachineConfigAndContainerRuntimeConfigBlocksMCO.yaml",
            "unknown_target 4.16.31-LabeledMachineConfigAndContainerRuntimeConfigBlocksMCO.yaml",
            "unknown_target 4.18.0-KubeletStartFailingFromRestoreconTimeout.yaml",
            "unknown_target 4.2.11-s390x.yaml",
            "unknown_target 4.2.12-s390x.yaml",
            "unknown_target 4.2.13-s390x.yaml");
    assertThat(findings).filteredOn(f -> f.problem().kind().equals("unknown_version"))
        .allMatch(f -> f.problem().message().contains("-s390x"), "names only the s390x versions");
  }

  @Test
  void reportsEachBrokenKindWithItsFile() throws IOException, InvalidInputException {
    // One copy of the real data broken in every way at once, each way in its own file: reading
    // the 1,800 real files once instead of once per kind keeps the test fast.
    List<String> expected = new ArrayList<>();
    expected.add(rel(write(copy, "channels/stable-4.16.yaml", "name: stable-4.16\nversions: [4.16.1\n")) + " invalid_yaml");
    expected.add(rel(write(copy, "blocked-edges/4.16.99-no-from.yaml", "to: 4.16.3\n")) + " missing_field");
    expected.add(rel(write(copy, "blocked-edges/4.16.3-bad-regex.yaml", "to: 4.16.3\nfrom: 4\\.15\\.(\n")) + " invalid_regex");
    Path original = copy.resolve("blocked-edges/4.16.3-AzureDefaultVMType.yaml");
    Files.copy(anyConditionalBlock(), original);
    Path duplicate = copy.resolve("blocked-edges/4.16.3-ZZ-duplicate.yaml");
    Files.copy(original, duplicate);
    // What the reference serves without complaint is a warning, and never keeps a reload back.
    List<String> warned = new ArrayList<>();
    warned.add(rel(duplicate) + " duplicate_block");
    write(copy, "blocked-edges/4.16.5-risk.yaml", risk("4.16.5", "4\\.15\\..*", "SomeRisk", "It breaks."));
    warned.add(rel(write(copy, "blocked-edges/4.16.5-zz-removed.yaml", "to: 4.16.5\nfrom: 4\\.15\\..*\n")) + " contradictory_block");
    write(copy, "blocked-edges/4.16.6-NewRisk.yaml", risk("4.16.6", "4\\.15\\..*", "NewRisk", "It breaks."));
    warned.add(rel(write(copy, "blocked-edges/4.16.7-NewRisk.yaml", risk("4.16.7", "4\\.15\\..*", "NewRisk", "Something else."))) + " inconsistent_risk");
    expected.add(rel(write(copy, "blocked-edges/4.16.8-NoRules.yaml",
        "to: 4.16.8\nfrom: 4\\.15\\..*\nurl: https://issues.example.com/1\nname: NoRules\nmessage: It breaks.\n")) + " risk_without_rules");
    expected.add(rel(write(copy, "blocked-edges/4.16.9-EmptyRules.yaml",
        "to: 4.16.9\nfrom: 4\\.15\\..*\nurl: https://issues.example.com/1\nname: EmptyRules\nmessage: It breaks.\nmatchingRules: []\n")) + " invalid_risk");
    warned.add(rel(write(copy, "channels/zz-copy.yaml", "name: fast-4.16\nversions:\n- 4.16.3\n")) + " channel_name_mismatch");
    expected.add("channels/zz-copy.yaml duplicate_channel");

    List<Finding> findings = validate();
    List<Finding> errors = findings.stream().filter(Finding::isError).toList();

    assertThat(errors).extracting(f -> rel(f.problem().source()) + " " + f.problem().kind())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(findings).filteredOn(f -> !f.isError()).extracting(f -> rel(f.problem().source()) + " " + f.problem().kind())
        .containsAll(warned);
    assertThat(errors).filteredOn(f -> f.problem().kind().equals("invalid_yaml")).allMatch(f -> f.problem().line().isPresent());
    assertThat(findings).filteredOn(f -> f.problem().kind().equals("duplicate_block"))
        .allMatch(f -> f.problem().message().contains(rel(original)));
  }

  @Test
  void warnsOfTargetsAndChannelVersionsNothingHas() throws InvalidInputException {
    Path block = write(copy, "blocked-edges/4.16.999-typo.yaml", "to: 4.16.999\nfrom: 4\\.15\\..*\n");
    // (An EUS channel, which no promotion-order rule covers.)
    Path channel = write(copy, "channels/eus-4.16.yaml", "name: eus-4.16\nversions:\n- 4.16.3\n- 4.16.777\n");
    GraphData data = GraphDataReader.read(copy);

    assertThat(GraphDataValidator.validate(data, Optional.empty())).noneMatch(Finding::isError).anySatisfy(f -> {
      assertThat(rel(f.problem().source())).isEqualTo(rel(block));
      assertThat(f.problem().kind()).isEqualTo("unknown_target");
      assertThat(f.problem().message()).contains("in no channel");
    });
    assertThat(GraphDataValidator.validate(data, Optional.of(BundledData.releases()))).noneMatch(Finding::isError)
        .anySatisfy(f -> {
          assertThat(rel(f.problem().source())).isEqualTo(rel(channel));
          assertThat(f.problem().kind()).isEqualTo("unknown_version");
          assertThat(f.problem().message()).contains("4.16.777").doesNotContain("4.16.3,");
        })
        .anySatisfy(f -> {
          assertThat(rel(f.problem().source())).isEqualTo(rel(block));
          assertThat(f.problem().kind()).isEqualTo("unknown_target");
        });
  }

  @Test
  void reportsNoChannelsAsAnError(@TempDir(factory = MemoryTempDir.class) Path empty) throws InvalidInputException {
    Path data = TestFiles.graphData(empty);

    assertThat(GraphDataValidator.validate(GraphDataReader.read(data), Optional.empty()))
        .anySatisfy(f -> assertThat(f.problem().kind()).isEqualTo("no_channels"));
  }

  @Test
  void refusesATreeWithoutItsBlockedEdgesOrWithAFileInTheirPlace() throws IOException, InvalidInputException {
    Path moved = dir.resolve("blocked-edges-elsewhere");
    Files.move(copy.resolve("blocked-edges"), moved);

    assertThat(errors()).extracting(f -> rel(f.problem().source()) + " " + f.problem().kind())
        .containsExactly("blocked-edges incomplete_tree");

    Files.writeString(copy.resolve("blocked-edges"), "not a directory\n");

    assertThat(errors()).singleElement().satisfies(f -> {
      assertThat(f.problem().kind()).isEqualTo("incomplete_tree");
      assertThat(f.problem().message()).contains("blocked-edges is a file, not a directory").contains("no block");
    });
  }

  @Test
  void refusesTooLargeFilesLinksOutOfTheTreeAndPipes() throws IOException, InvalidInputException, InterruptedException {
    Path large = copy.resolve("blocked-edges/4.16.3-large.yaml");
    Files.writeString(large, "to: 4.16.3\nfrom: 4\\.15\\..*\nmessage: " + "x".repeat(2 << 20) + "\n");
    Path outside = Files.writeString(dir.resolve("outside.yaml"), "to: 4.16.3\nfrom: .*\n");
    Path link = Files.createSymbolicLink(copy.resolve("blocked-edges/4.16.3-link.yaml"), outside);
    Path pipe = copy.resolve("blocked-edges/4.16.3-pipe.yaml");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();

    assertThat(errors()).extracting(f -> rel(f.problem().source()) + " " + f.problem().kind())
        .containsExactlyInAnyOrder(rel(large) + " file_too_large", rel(link) + " symlink_outside",
            rel(pipe) + " not_a_regular_file");
  }

  @Test
  void refusesYamlNestedWithoutBound() throws InvalidInputException {
    // (Aliases are not expanded by the parser at all, so an alias bomb costs nothing.)
    Path deep = write(copy, "channels/deep.yaml", "name: deep\nversions: " + "[".repeat(200) + "]".repeat(200) + "\n");

    assertThat(errors()).extracting(f -> rel(f.problem().source()) + " " + f.problem().kind())
        .containsExactly(rel(deep) + " invalid_yaml");
  }

  /** A finding's file relative to the copy: the reader names files both ways. */
  private String rel(Object file) {
    String prefix = copy + File.separator;
    String name = file.toString();
    return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }

  private Path anyConditionalBlock() throws IOException {
    try (Stream<Path> files = Files.list(copy.resolve("blocked-edges"))) {
      Path real = files.filter(p -> p.getFileName().toString().startsWith("4.16.3-")).sorted().findFirst().orElseThrow();
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
