package io.covington.graph.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/** Parsing helpers shared by the readers: JSON and YAML to trees, with problems instead of throws. */
final class Json {

  /**
   * What one document may hold: nesting, number and name sizes bounded (real documents nest six
   * deep), so a hostile document fails fast. A string or a YAML document may be as long as the
   * largest document read at all ({@link InputLimits#DEFAULT}): the bytes were bounded before
   * parsing by the file or download limit the operator chose, which these must not undercut.
   */
  static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
      .maxNestingDepth(64)
      .maxStringLength((int) InputLimits.DEFAULT.maxDocumentBytes())
      .maxNumberLength(64)
      .maxNameLength(4096)
      .build();

  static final ObjectMapper JSON =
      JsonMapper.builder(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** YAML as graph-data writes it: no recursive keys, few aliases, bounded scalars and nesting. */
  static final ObjectMapper YAML =
      YAMLMapper.builder(YAMLFactory.builder()
              .loaderOptions(yamlLimits())
              .streamReadConstraints(CONSTRAINTS)
              .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static LoaderOptions yamlLimits() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(64);
    options.setCodePointLimit((int) InputLimits.DEFAULT.maxDocumentBytes());
    return options;
  }

  private Json() {}

  /** Parses {@code bytes}; on failure records the problem (with line) and returns empty. */
  static Optional<JsonNode> parse(ObjectMapper mapper, byte[] bytes, String source, Problems problems) {
    String kind = mapper == YAML ? "invalid_yaml" : "invalid_json";
    try {
      JsonNode node = mapper.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        problems.add(source, kind, "the file is empty");
        return Optional.empty();
      }
      return Optional.of(node);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      problems.add(LoadProblem.at(source, line, kind, e.getOriginalMessage()));
      return Optional.empty();
    } catch (IOException e) {
      problems.add(source, "unreadable", e.getMessage());
      return Optional.empty();
    } catch (RuntimeException e) {
      // The YAML parser's own limits (aliases, code points) surface as unchecked exceptions.
      problems.add(source, kind, e.getMessage() == null ? e.toString() : e.getMessage());
      return Optional.empty();
    }
  }

  /** A required string field, or a problem naming the field. */
  static Optional<String> string(JsonNode node, String field, String source, Problems problems) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      problems.add(source, "missing_field", "'" + field + "' is required");
      return Optional.empty();
    }
    if (!v.isValueNode() || v.isBoolean()) {
      problems.add(source, "invalid_field", "'" + field + "' must be a string");
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  /** An object of string values; non-string values are reported and left out. */
  static Map<String, String> stringMap(JsonNode node, String what, String source, Problems problems) {
    Map<String, String> result = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return result;
    }
    if (!node.isObject()) {
      problems.add(source, "invalid_field", what + " must be an object of strings");
      return result;
    }
    node.properties()
        .forEach(
            e -> {
              if (e.getValue().isTextual()) {
                result.put(e.getKey(), e.getValue().asText());
              } else {
                problems.add(source, "invalid_metadata", what + " '" + e.getKey() + "' must be a string, not " + e.getValue().getNodeType().name().toLowerCase(Locale.ROOT) + "; left out");
              }
            });
    return result;
  }

  /** The first 12 hex digits of a SHA-256 over the given parts. */
  static String contentHash(Iterable<byte[]> parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        sha.update(p);
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
