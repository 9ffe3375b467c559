package io.covington.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.covington.graph.MemoryTempDir;
import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.ConditionalUpdateGroup;
import io.covington.graph.model.IndexEdge;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import io.covington.graph.snapshot.ChannelSummary;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.sources.git.GitFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code covington validate} over the real cincinnati-graph-data, broken copies and a real git change. */
class ValidateCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir(factory = MemoryTempDir.class) Path dir;

  private final StringWriter out = new StringWriter();

  private int validate(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "validate";
    System.arraycopy(args, 0, all, 1, args.length);
    return new CommandLine(new CovingtonCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(out, true))
        .execute(all);
  }

  /** The bundled copy of the real data, as files (the module's tests run against the packaged jar). */
  private static Path realGraphData() {
    return Path.of("../graph-data/src/main/resources/io/covington/graph/bundled/openshift/graph-data").toAbsolutePath().normalize();
  }

  @Test
  void theRealGraphDataPasses() {
    int status = validate("--graph-data", realGraphData().toString());

    assertThat(status).as(out.toString()).isZero();
    assertThat(out.toString().lines().reduce((a, b) -> b).orElseThrow()).startsWith("OK: 0 error(s), 3 warning(s)");
  }

  @Test
  void aBrokenCopyFailsAndNamesEachFile() throws Exception {
    Path copy = copyRealData(dir.resolve("graph-data"));
    Files.writeString(copy.resolve("channels/stable-4.16.yaml"), "name: stable-4.16\nversions: [4.16.1\n");
    Files.writeString(copy.resolve("blocked-edges/4.16.3-bad-regex.yaml"), "to: 4.16.3\nfrom: 4\\.15\\.(\n");

    int status = validate("--graph-data", copy.toString(), "--json");

    assertThat(status).isEqualTo(1);
    JsonNode report = JSON.readTree(out.toString());
    assertThat(report.path("ok").asBoolean()).isFalse();
    assertThat(report.path("errors").asInt()).isEqualTo(2);
    Map<String, String> kindByFile = new TreeMap<>();
    report.path("findings").forEach(f -> {
      if (f.path("severity").asText().equals("error")) {
        kindByFile.put(f.path("file").asText(), f.path("kind").asText());
      }
    });
    assertThat(kindByFile).containsExactlyInAnyOrderEntriesOf(Map.of(
        "channels/stable-4.16.yaml", "invalid_yaml",
        "blocked-edges/4.16.3-bad-regex.yaml", "invalid_regex"));
  }

  @Test
  void aTreeWithoutItsBlockedEdgesIsRefusedNotPassedAsSafe() throws Exception {
    Path copy = copyRealData(dir.resolve("graph-data"));
    try (Stream<Path> files = Files.walk(copy.resolve("blocked-edges"))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    int status = validate("--graph-data", copy.toString());

    assertThat(status).as(out.toString()).isEqualTo(1);
    assertThat(out.toString()).contains("incomplete_tree").contains("blocked-edges");
  }

  @Test
  void anOversizedFileIsRefusedNamingItAndTheLimit() throws Exception {
    Path copy = copyRealData(dir.resolve("graph-data"));
    Path huge = copy.resolve("blocked-edges/4.16.3-huge.yaml");
    Files.writeString(huge, "to: 4.16.3\nfrom: .*\nurl: https://example.com/\nname: Huge\nmatchingRules:\n- type: Always\nmessage: "
        + "x".repeat(2 << 20) + "\n");

    int status = validate("--graph-data", copy.toString(), "--json");

    assertThat(status).isEqualTo(1);
    JsonNode report = JSON.readTree(out.toString());
    List<JsonNode> tooLarge = new ArrayList<>();
    report.path("findings").forEach(f -> {
      if (f.path("kind").asText().equals("file_too_large")) {
        tooLarge.add(f);
      }
    });
    assertThat(tooLarge).singleElement().satisfies(f -> {
      assertThat(f.path("file").asText()).isEqualTo("blocked-edges/4.16.3-huge.yaml");
      assertThat(f.path("severity").asText()).isEqualTo("error");
      assertThat(f.path("message").asText()).contains("more than the 1 MiB").contains("--max-file-size");
    });
    out.getBuffer().setLength(0);
    assertThat(validate("--graph-data", copy.toString(), "--max-file-size", "4MiB")).as(out.toString()).isZero();
  }

  @Test
  void theBaseDiffListsExactlyTheEdgesABlockRemoves() throws Exception {
    GitFixture repo = GitFixture.create(dir.resolve("git"));
    copyRealData(repo.work);
    repo.commitAll("Import cincinnati-graph-data");
    GraphSnapshot base = GraphSnapshot.build(BundledData.releases(), GraphDataReader.read(repo.work));
    String[] edge = anUnconditionalEdge(base.channel("stable-4.16", "amd64").orElseThrow());
    Map<String, List<String>> expected = new TreeMap<>();
    for (ChannelSummary c : base.channels("amd64")) {
      if (offers(base.channel(c.name(), "amd64").orElseThrow(), edge[0], edge[1])) {
        expected.put(c.name(), List.of(edge[0] + "->" + edge[1]));
      }
    }
    assertThat(expected).containsKey("stable-4.16");
    Files.writeString(repo.work.resolve("blocked-edges/" + edge[1] + "-test-block.yaml"),
        "to: " + edge[1] + "\nfrom: ^" + edge[0].replace(".", "[.]") + "[+]\n");
    repo.commitAll("Block " + edge[0] + " -> " + edge[1]);

    int status = validate("--graph-data", repo.work.toString(), "--base", "HEAD~1", "--json");

    assertThat(status).as(out.toString()).isZero();
    JsonNode report = JSON.readTree(out.toString());
    Map<String, List<String>> removed = new TreeMap<>();
    for (JsonNode change : report.path("changes")) {
      assertThat(change.path("arch").asText()).isEqualTo("amd64");
      assertThat(change.path("madeConditional")).isEmpty();
      assertThat(change.path("added")).isEmpty();
      assertThat(change.path("madeUnconditional")).isEmpty();
      List<String> pairs = new ArrayList<>();
      change.path("removed").forEach(p -> pairs.add(p.path("from").asText() + "->" + p.path("to").asText()));
      removed.put(change.path("channel").asText(), pairs);
    }
    assertThat(removed).isEqualTo(expected);

    out.getBuffer().setLength(0);
    validate("--graph-data", repo.work.toString(), "--base", "HEAD~1");
    assertThat(out.toString()).contains("  stable-4.16 (amd64):\n    removed: " + edge[0] + " -> " + edge[1]);
    repo.close();
  }

  @Test
  void releasesWithoutReleaseMetadataAreOneErrorNotAFloodOfWarnings() throws Exception {
    // The graph-data directory given as --releases by mistake: it holds no release-metadata.
    int status = validate("--graph-data", realGraphData().toString(), "--releases", realGraphData().toString(), "--json");

    assertThat(status).as(out.toString()).isEqualTo(1);
    JsonNode report = JSON.readTree(out.toString());
    assertThat(report.path("warnings").asInt()).isZero();
    assertThat(report.path("findings")).singleElement().satisfies(f -> {
      assertThat(f.path("kind").asText()).isEqualTo("no_releases");
      assertThat(f.path("file").asText()).isEqualTo(realGraphData().toString());
      assertThat(f.path("message").asText()).contains("expected release-metadata documents").contains("--graph-data");
    });
  }

  @Test
  void eachRuleOfGraphDatasCiFailsTheCheckAndIsAnnotatedForGitHub() throws Exception {
    GitFixture repo = GitFixture.create(dir.resolve("git"));
    Path copy = copyRealData(repo.work.resolve("graph-data"));
    repo.commitAll("Import cincinnati-graph-data");
    Map<String, String> broken = new TreeMap<>();
    String risk = "to: 4.16.3\nfrom: ^4[.]16[.]2[+]\nurl: https://example.com/1\nname: TestRisk\nmessage: m\n"
        + "matchingRules:\n- type: Always\n";
    broken.put("blocked-edges/4.16.3-Plain.yaml:3", write(copy, "blocked-edges/4.16.3-Plain.yaml",
        risk.replace("https://example.com/1", "http://example.com/1").replace("TestRisk", "Plain")) + " invalid_risk_url");
    broken.put("blocked-edges/4.16.3-Spaced.yaml:4", write(copy, "blocked-edges/4.16.3-Spaced.yaml",
        risk.replace("TestRisk", "Spaced risk")) + " invalid_risk_name");
    broken.put("blocked-edges/4.16.3-Twice.yaml:8", write(copy, "blocked-edges/4.16.3-Twice.yaml",
        risk.replace("TestRisk", "Twice") + "- type: Always\n") + " duplicate_rule_type");
    broken.put("blocked-edges/4.16.3-Extra.yaml:10", write(copy, "blocked-edges/4.16.3-Extra.yaml",
        risk.replace("TestRisk", "Extra").replace("- type: Always\n", "- type: PromQL\n  promql:\n    promql: max(cluster_version_capability{name=\"Console\"})\n    step: 1m\n"))
        + " unknown_key");
    broken.put("channels/candidate-4.16.yaml:252", append(copy, "channels/candidate-4.16.yaml", "- 4.16.3\n") + " duplicate_version");
    broken.put("channels/stable-4.16.yaml", append(copy, "channels/stable-4.16.yaml", "- 4.16.999\n") + " channel_order");

    int status = validate("--graph-data", copy.toString(), "--format", "github");

    assertThat(status).as(out.toString()).isEqualTo(1);
    List<String> errors = out.toString().lines().filter(l -> l.startsWith("::error ")).toList();
    Map<String, String> annotated = new TreeMap<>();
    for (String line : errors) {
      Matcher m = Pattern
          .compile("::error file=graph-data/([^,]+?)(?:,line=(\\d+))?,title=covington validate%3A (\\w+)::(.+)").matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      annotated.put(m.group(1) + (m.group(2) == null ? "" : ":" + m.group(2)), m.group(3));
      assertThat(m.group(4)).doesNotContain("\n");
    }
    Map<String, String> expected = new TreeMap<>();
    broken.forEach((where, kind) -> expected.put(where, kind.substring(kind.lastIndexOf(' ') + 1)));
    // (The duplicate version is also a release of candidate-4.16 listed twice, nothing more.)
    assertThat(annotated).isEqualTo(expected);
    assertThat(out.toString().lines().filter(l -> l.startsWith("::warning file=graph-data/blocked-edges/")).count()).isEqualTo(3);
    assertThat(out.toString().lines().reduce((a, b) -> b).orElseThrow()).startsWith("FAILED: 6 error(s)");
    repo.close();
  }

  @Test
  void theBaseDiffListsRisksAddedRemovedAndChangedOnUpdatesThatStayConditional() throws Exception {
    GitFixture repo = GitFixture.create(dir.resolve("git"));
    copyRealData(repo.work);
    repo.commitAll("Import cincinnati-graph-data");
    GraphSnapshot base = GraphSnapshot.build(BundledData.releases(), GraphDataReader.read(repo.work));
    // A risk defined in one file only, whose updates are conditional in stable-4.16.
    ChannelGraph stable = base.channel("stable-4.16", "amd64").orElseThrow();
    Map<String, List<String>> updatesByRisk = new TreeMap<>();
    for (ConditionalUpdateGroup g : stable.conditionalEdges()) {
      for (Risk r : g.risks()) {
        g.edges().forEach(p -> updatesByRisk.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(p.from() + " -> " + p.to()));
      }
    }
    Path file = null;
    String name = null;
    try (Stream<Path> files = Files.list(repo.work.resolve("blocked-edges"))) {
      for (Path f : files.sorted().toList()) {
        String text = Files.readString(f);
        Matcher m = Pattern.compile("(?m)^name: (\\w+)$").matcher(text);
        if (m.find() && updatesByRisk.containsKey(m.group(1)) && countNamed(repo.work, m.group(1)) == 1) {
          file = f;
          name = m.group(1);
          break;
        }
      }
    }
    assertThat(file).isNotNull();
    String text = Files.readString(file);
    String to = text.lines().filter(l -> l.startsWith("to: ")).findFirst().orElseThrow().substring(4);
    Files.writeString(file, text.replaceFirst("(?m)^message: ", "message: Reworded. "));
    Files.writeString(repo.work.resolve("blocked-edges/" + to + "-AddedTestRisk.yaml"),
        text.replaceFirst("(?m)^name: \\w+$", "name: AddedTestRisk"));
    repo.commitAll("Reword " + name + " and add AddedTestRisk to its updates");

    int status = validate("--graph-data", repo.work.toString(), "--base", "HEAD~1", "--json");

    assertThat(status).as(out.toString()).isZero();
    JsonNode report = JSON.readTree(out.toString());
    Map<String, List<String>> risks = new TreeMap<>();
    for (JsonNode change : report.path("changes")) {
      assertThat(change.path("removed")).isEmpty();
      assertThat(change.path("madeConditional")).isEmpty();
      for (JsonNode r : change.path("risks")) {
        if (change.path("channel").asText().equals("stable-4.16")) {
          List<String> pairs = new ArrayList<>();
          r.path("updates").forEach(p -> pairs.add(p.path("from").asText() + " -> " + p.path("to").asText()));
          risks.put(r.path("risk").asText() + " " + r.path("change").asText() + " " + r.path("fields"), pairs);
        }
      }
    }
    List<String> expected = updatesByRisk.get(name).stream().sorted().toList();
    assertThat(risks).containsOnlyKeys("AddedTestRisk added []", name + " changed [\"message\"]");
    assertThat(risks.get("AddedTestRisk added []")).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(risks.get(name + " changed [\"message\"]")).containsExactlyInAnyOrderElementsOf(expected);

    // Removing the reworded risk again leaves AddedTestRisk on the same updates: a removal.
    Files.delete(file);
    repo.commitAll("Drop " + name);
    out.getBuffer().setLength(0);
    validate("--graph-data", repo.work.toString(), "--base", "HEAD~1");
    assertThat(out.toString()).contains("  stable-4.16 (amd64):\n    risk " + name + " removed from " + expected.size()
        + " conditional update(s): " + expected.get(0));
    repo.close();
  }

  @Test
  void theMarkdownSummaryHasTheVerdictAndTheFindings() throws Exception {
    Path copy = copyRealData(dir.resolve("graph-data"));
    write(copy, "blocked-edges/4.16.3-Plain.yaml", "to: 4.16.3\nfrom: .*\nurl: http://example.com/a|b\nname: Plain\nmessage: m\n"
        + "matchingRules:\n- type: Always\n");

    assertThat(validate("--graph-data", copy.toString(), "--format", "markdown")).isEqualTo(1);

    assertThat(out.toString()).startsWith("### Covington validate: failed\n\n1 error(s), 3 warning(s)")
        .contains("| error | `blocked-edges/4.16.3-Plain.yaml:3` | invalid_risk_url | risk url 'http://example.com/a\\|b'");
    out.getBuffer().setLength(0);
    assertThat(validate("--graph-data", copy.toString(), "--format", "yaml")).isEqualTo(2);
    assertThat(out.toString()).contains("--format must be text, json, github or markdown, got 'yaml'");
  }

  @Test
  void theReadmeWorkflowChecksAPullRequest() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    int marker = readme.indexOf("<!-- the workflow below is run by ValidateCommandTest.theReadmeWorkflowChecksAPullRequest -->");
    assertThat(marker).isPositive();
    int start = readme.indexOf("```yaml\n", marker) + "```yaml\n".length();
    JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(readme.substring(start, readme.indexOf("```", start)));
    String run = "";
    for (JsonNode step : workflow.path("jobs").path("validate").path("steps")) {
      run = step.path("run").asText(run);
    }
    assertThat(workflow.path("on").path("pull_request").isObject()).isTrue();
    assertThat(run).startsWith("java -jar .covington/graph-server/target/covington.jar validate ");
    GitFixture repo = GitFixture.create(dir.resolve("git"));
    copyRealData(repo.work);
    repo.commitAll("Import cincinnati-graph-data");
    // The pull request's change, on top of origin/master.
    write(repo.work, "blocked-edges/4.16.3-Plain.yaml", "to: 4.16.3\nfrom: ^4[.]15[.]\nurl: http://example.com/1\nname: Plain\n"
        + "message: m\nmatchingRules:\n- type: Always\n");
    List<String> args = new ArrayList<>(List.of(run.substring(run.indexOf(" validate ") + " validate ".length()).split(" ")));
    args.set(args.indexOf("--graph-data") + 1, repo.work.toString());

    int status = validate(args.toArray(String[]::new));

    assertThat(status).as(out.toString()).isEqualTo(1);
    assertThat(out.toString()).contains("::error file=blocked-edges/4.16.3-Plain.yaml,line=3,title=covington validate%3A invalid_risk_url::")
        .contains("::group::served updates compared with origin/master:")
        .contains("    risk Plain added to ");
    repo.close();
  }

  private static long countNamed(Path graphData, String name) throws Exception {
    try (Stream<Path> files = Files.list(graphData.resolve("blocked-edges"))) {
      return files.filter(f -> {
        try {
          return Files.readString(f).lines().anyMatch(l -> l.equals("name: " + name));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).count();
    }
  }

  /** Writes {@code content} to {@code dir/relative}; returns the relative path. */
  private static String write(Path dir, String relative, String content) throws Exception {
    Files.writeString(dir.resolve(relative), content);
    return relative;
  }

  /** Appends {@code content} to {@code dir/relative}; returns the relative path. */
  private static String append(Path dir, String relative, String content) throws Exception {
    Files.writeString(dir.resolve(relative), content, StandardOpenOption.APPEND);
    return relative;
  }

  /** The first unconditional update of the channel, oldest source first. */
  private static String[] anUnconditionalEdge(ChannelGraph graph) {
    IndexEdge e = graph.edges().stream()
        .min(Comparator.comparing((IndexEdge x) -> graph.nodes().get(x.from()).version())
            .thenComparing(x -> graph.nodes().get(x.to()).version()))
        .orElseThrow();
    return new String[] {graph.nodes().get(e.from()).version(), graph.nodes().get(e.to()).version()};
  }

  private static boolean offers(ChannelGraph graph, String from, String to) {
    List<Release> nodes = graph.nodes();
    return graph.edges().stream().anyMatch(e -> nodes.get(e.from()).version().equals(from) && nodes.get(e.to()).version().equals(to))
        || graph.conditionalEdges().stream().flatMap(g -> g.edges().stream())
            .anyMatch(p -> p.from().equals(from) && p.to().equals(to));
  }

  private static Path copyRealData(Path target) throws Exception {
    Path from = realGraphData();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path t = target.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return target;
  }
}
