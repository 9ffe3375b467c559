package io.covington.graph.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.covington.graph.model.MatchingRule;
import io.covington.graph.model.Risk;
import io.covington.graph.snapshot.Versions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads a graph-data directory in the openshift/cincinnati-graph-data layout: {@code version},
 * {@code channels/*.yaml}, {@code blocked-edges/*.yaml}, {@code raw/metadata.json} and the release
 * signatures of {@code signatures/sha256/<hex>/signature-<n>} ({@link SignatureTreeReader}).
 *
 * <p>Every problem is reported with its file (and line where the parser gives one) and the bad
 * file is skipped; only an unreadable directory or an unsupported layout version fails the read.
 * A tree without its {@code channels/} or {@code blocked-edges/} directory (moved out, replaced by
 * a file, being copied in) is reported as {@code incomplete_tree}: read as it is, it would serve no
 * blocks. Files are read within {@link InputLimits}, and only regular files inside the tree.
 */
public final class GraphDataReader {

  /** Channel names the graph API accepts. */
  public static final Pattern CHANNEL_NAME = Pattern.compile("^[0-9a-z\\-.]+$");

  private GraphDataReader() {}

  /** Reads {@code dir} within the default limits. */
  public static GraphData read(Path dir) throws InvalidInputException {
    return read(dir, InputLimits.DEFAULT);
  }

  public static GraphData read(Path dir, InputLimits limits) throws InvalidInputException {
    return read(dir, limits, ParsedFiles.once());
  }

  /**
   * Reads {@code dir} within {@code limits}, reusing what {@code parsed} holds for files whose
   * bytes did not change since it last read them (see {@link ParsedFiles}).
   */
  public static GraphData read(Path dir, InputLimits limits, ParsedFiles parsed) throws InvalidInputException {
    return parsed.read(() -> readTree(dir, limits, parsed));
  }

  private static GraphData readTree(Path dir, InputLimits limits, ParsedFiles parsed) throws InvalidInputException {
    Problems problems = new Problems();
    List<byte[]> hashed = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(List.of(LoadProblem.of(dir.toString(), "missing_directory", "graph-data directory does not exist")));
    }
    InputFiles files;
    try {
      files = new InputFiles(dir, limits);
    } catch (IOException e) {
      throw new InvalidInputException(List.of(LoadProblem.of(dir.toString(), "unreadable", e.getMessage())));
    }
    String layout = readLayoutVersion(dir, files, hashed);
    List<Channel> channels = new ArrayList<>();
    for (Path file : yamlFiles(dir, "channels", problems)) {
      byte[] bytes = read(files, file, "channel file", problems, hashed);
      if (bytes != null) {
        parsed.parse("channel", file, bytes, problems, GraphDataReader::readChannel).ifPresent(channels::add);
      }
    }
    channels.sort(Comparator.comparing(Channel::name));
    rejectDuplicateChannels(channels, problems);
    List<BlockedEdge> blocked = new ArrayList<>();
    for (Path file : yamlFiles(dir, "blocked-edges", problems)) {
      byte[] bytes = read(files, file, "blocked-edges file", problems, hashed);
      if (bytes != null) {
        parsed.parse("blocked-edge", file, bytes, problems, GraphDataReader::readBlockedEdge).ifPresent(blocked::add);
      }
    }
    Map<String, Map<String, String>> raw = readRawMetadata(dir.resolve("raw").resolve("metadata.json"), files, problems, hashed);
    ReleaseSignatures signatures = SignatureTreeReader.read(dir.resolve("signatures"), "signatures", limits);
    for (SignatureFile f : signatures.files()) {
      hashed.add(Json.utf8(f.source()));
      hashed.add(f.bytes());
    }
    signatures.problems().forEach(problems::add);
    return new GraphData(layout, channels, blocked, raw, problems.list(), Json.contentHash(hashed),
        new ReleaseSignatures(signatures.files(), List.of()));
  }

  private static String readLayoutVersion(Path dir, InputFiles files, List<byte[]> hashed) throws InvalidInputException {
    Path file = dir.resolve("version");
    String source = file.toString();
    Problems problems = new Problems();
    byte[] bytes = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? files.read(file, "layout version file", problems) : null;
    if (bytes == null) {
      throw new InvalidInputException(problems.isEmpty()
          ? List.of(LoadProblem.of(source, "missing_file", "the layout version file is missing; is this a graph-data directory?"))
          : problems.list());
    }
    String text = new String(bytes, StandardCharsets.UTF_8).trim();
    hashed.add(Json.utf8(text));
    String[] parts = text.split("\\.");
    if (!text.matches("\\d+\\.\\d+\\.\\d+") || !parts[0].equals("1")) {
      throw new InvalidInputException(List.of(LoadProblem.at(source, 1, "unsupported_layout", "layout version '" + text + "' is not supported; Covington reads 1.x.y (1.0, 1.1 and 1.2)")));
    }
    return text;
  }

  private static List<Path> yamlFiles(Path dir, String sub, Problems problems) throws InvalidInputException {
    Path folder = dir.resolve(sub);
    if (!Files.isDirectory(folder)) {
      problems.add(folder.toString(), "incomplete_tree", (Files.exists(folder) ? sub + " is a file, not a directory"
          : "no " + sub + "/ directory") + ": the graph-data is incomplete (moved, replaced or still being copied?);"
          + " read as it is, it would serve no " + (sub.equals("channels") ? "channel" : "block"));
      return List.of();
    }
    List<Path> result = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
        String name = f.getFileName().toString();
        if (Files.isDirectory(f)) {
          problems.add(f.toString(), "ignored_file", "directories are not read here");
        } else if (name.endsWith(".yaml")) {
          result.add(f);
        } else if (!name.equals("OWNERS") && !name.startsWith(".")) {
          problems.add(f.toString(), "ignored_file", "only *.yaml files are read; this file is ignored");
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException(List.of(LoadProblem.of(folder.toString(), "unreadable", e.getMessage())));
    }
    return result;
  }

  private static byte[] read(InputFiles files, Path file, String kind, Problems problems, List<byte[]> hashed) {
    byte[] bytes = files.read(file, kind, problems);
    if (bytes != null) {
      hashed.add(Json.utf8(file.getFileName().toString()));
      hashed.add(bytes);
    }
    return bytes;
  }

  static Optional<Channel> readChannel(Path file, byte[] bytes, Problems problems) {
    String source = file.toString();
    Optional<JsonNode> parsed = Json.parse(Json.YAML, bytes, source, problems);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    JsonNode node = parsed.get();
    if (!node.isObject()) {
      problems.add(source, "invalid_channel", "a channel file must be a mapping with 'name' and 'versions'");
      return Optional.empty();
    }
    Optional<String> name = Json.string(node, "name", source, problems);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (!CHANNEL_NAME.matcher(name.get()).matches()) {
      problems.add(source, "invalid_channel", "channel name '" + name.get() + "' does not match " + CHANNEL_NAME.pattern() + "; clients could never ask for it");
      return Optional.empty();
    }
    String expected = file.getFileName().toString().replaceFirst("\\.yaml$", "");
    if (!expected.equals(name.get())) {
      problems.add(source, "channel_name_mismatch", "the file is named " + expected + " but declares channel '" + name.get() + "'; the declared name is used");
    }
    JsonNode versions = node.get("versions");
    List<String> list = new ArrayList<>();
    if (versions == null || versions.isNull()) {
      return Optional.of(new Channel(name.get(), list, relative(file)));
    }
    if (!versions.isArray()) {
      problems.add(source, "invalid_channel", "'versions' must be a list of version strings");
      return Optional.empty();
    }
    for (JsonNode v : versions) {
      if (!v.isValueNode() || v.isNull()) {
        problems.add(source, "invalid_channel", "'versions' holds a non-string entry " + v + "; left out");
        continue;
      }
      String text = v.asText();
      String bare = text.contains("+") ? text.substring(0, text.indexOf('+')) : text;
      if (!Versions.isSemver(bare)) {
        problems.add(source, "invalid_version", "channel version '" + text + "' is not SemVer; left out");
        continue;
      }
      list.add(text);
    }
    PullRequestRules.checkChannelVersions(list, bytes, source, problems);
    return Optional.of(new Channel(name.get(), list, relative(file)));
  }

  /**
   * A file's path inside the graph-data directory, e.g. {@code blocked-edges/4.16.53-Risk.yaml}:
   * the provenance the API shows is the same on every replica and says where to look in the
   * graph-data repository.
   */
  private static String relative(Path file) {
    return file.getParent().getFileName() + "/" + file.getFileName();
  }

  private static void rejectDuplicateChannels(List<Channel> channels, Problems problems) {
    for (int i = channels.size() - 1; i > 0; i--) {
      if (channels.get(i).name().equals(channels.get(i - 1).name())) {
        problems.add(channels.get(i).source(), "duplicate_channel", "channel '" + channels.get(i).name() + "' is also declared in " + channels.get(i - 1).source() + "; this file is ignored");
        channels.remove(i);
      }
    }
  }

  static Optional<BlockedEdge> readBlockedEdge(Path file, byte[] bytes, Problems problems) {
    String source = file.toString();
    Optional<JsonNode> parsed = Json.parse(Json.YAML, bytes, source, problems);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    JsonNode node = parsed.get();
    if (!node.isObject()) {
      problems.add(source, "invalid_blocked_edge", "a blocked edge must be a mapping with 'to' and 'from'");
      return Optional.empty();
    }
    PullRequestRules.checkBlockedEdge(node, file.getFileName().toString(), bytes, source, problems);
    Optional<OsTransition> transition = readOsTransition(node, source, problems);
    if (transition == null) {
      return Optional.empty();
    }
    Optional<String> to =
        transition.isPresent() && !node.has("to")
            ? Optional.of(BlockedEdge.ANY_TARGET)
            : Json.string(node, "to", source, problems);
    Optional<String> from =
        transition.isPresent() && !node.has("from") ? Optional.of(".*") : Json.string(node, "from", source, problems);
    if (to.isEmpty() || from.isEmpty()) {
      return Optional.empty();
    }
    String bareTo = to.get().contains("+") ? to.get().substring(0, to.get().indexOf('+')) : to.get();
    if (!to.get().equals(BlockedEdge.ANY_TARGET) && !Versions.isSemver(bareTo)) {
      problems.add(source, "invalid_version", "'to' value '" + to.get() + "' is not a SemVer version");
      return Optional.empty();
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(from.get());
    } catch (PatternSyntaxException e) {
      problems.add(source, "invalid_regex", "'from' is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
      return Optional.empty();
    }
    Optional<String> message = Optional.ofNullable(node.get("message")).filter(JsonNode::isTextual).map(JsonNode::asText);
    JsonNode rules = node.get("matchingRules");
    if (rules == null || rules.isNull()) {
      return Optional.of(new BlockedEdge(to.get(), pattern, Optional.empty(), transition, message, relative(file)));
    }
    return readRisk(node, rules, source, problems)
        .map(risk -> new BlockedEdge(to.get(), pattern, Optional.of(risk), transition, Optional.of(risk.message()), relative(file)));
  }

  /**
   * Covington's extension {@code osTransition: {from: fcos, to: scos}}; empty when absent, null
   * (after reporting) when malformed.
   */
  private static Optional<OsTransition> readOsTransition(JsonNode node, String source, Problems problems) {
    JsonNode t = node.get("osTransition");
    if (t == null || t.isNull()) {
      return Optional.empty();
    }
    if (!t.isObject() || !t.path("from").isTextual() || !t.path("to").isTextual()) {
      problems.add(source, "invalid_blocked_edge", "'osTransition' must be a mapping with string 'from' and 'to' OS ids, e.g. {from: fcos, to: scos}");
      return null;
    }
    return Optional.of(new OsTransition(t.get("from").asText(), t.get("to").asText()));
  }

  private static Optional<Risk> readRisk(JsonNode node, JsonNode rules, String source, Problems problems) {
    Optional<String> name = Json.string(node, "name", source, problems);
    Optional<String> url = Json.string(node, "url", source, problems);
    Optional<String> message = Json.string(node, "message", source, problems);
    if (name.isEmpty() || url.isEmpty() || message.isEmpty()) {
      return Optional.empty();
    }
    if (!rules.isArray() || rules.isEmpty()) {
      problems.add(source, "invalid_risk", "'matchingRules' must be a non-empty list; a risk without rules would drop the update on every cluster");
      return Optional.empty();
    }
    List<MatchingRule> parsed = new ArrayList<>();
    for (JsonNode rule : rules) {
      if (!rule.isObject() || !rule.path("type").isTextual()) {
        problems.add(source, "invalid_risk", "matchingRules[" + parsed.size() + "] must be a mapping with a 'type' (Always or PromQL)");
        return Optional.empty();
      }
      String type = rule.path("type").asText("");
      switch (type) {
        case MatchingRule.ALWAYS -> parsed.add(MatchingRule.always());
        case MatchingRule.PROMQL -> {
          JsonNode query = rule.path("promql").path("promql");
          if (!query.isTextual() || query.asText().isBlank()) {
            problems.add(source, "invalid_risk", "a PromQL rule needs promql.promql with a query");
            return Optional.empty();
          }
          parsed.add(MatchingRule.promql(query.asText()));
        }
        default -> {
          problems.add(source, "invalid_risk", "unknown matching rule type '" + type + "'; known types are Always and PromQL");
          return Optional.empty();
        }
      }
    }
    return Optional.of(new Risk(name.get(), url.get(), message.get(), parsed));
  }

  private static Map<String, Map<String, String>> readRawMetadata(
      Path file, InputFiles files, Problems problems, List<byte[]> hashed) {
    Map<String, Map<String, String>> result = new LinkedHashMap<>();
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return result;
    }
    byte[] bytes = read(files, file, "raw metadata file", problems, hashed);
    if (bytes == null) {
      return result;
    }
    String source = file.toString();
    Optional<JsonNode> parsed = Json.parse(Json.JSON, bytes, source, problems);
    if (parsed.isEmpty()) {
      return result;
    }
    if (!parsed.get().isObject()) {
      problems.add(source, "invalid_raw_metadata", "must be an object: version -> {key: value}");
      return result;
    }
    parsed.get()
        .properties()
        .forEach(
            e -> result.put(e.getKey(), Json.stringMap(e.getValue(), "metadata of " + e.getKey(), source, problems)));
    return result;
  }
}
