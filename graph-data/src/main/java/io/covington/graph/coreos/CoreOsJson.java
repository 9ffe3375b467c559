package io.covington.graph.coreos;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.covington.graph.input.BoundedInput;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict JSON binding shared by the CoreOS readers: unknown keys are ignored (the real documents
 * carry notes and timestamps), but wrong types, duplicate keys and trailing content are errors,
 * reported with the line Jackson saw them on.
 */
final class CoreOsJson {

  private static final ObjectMapper MAPPER = newMapper();
  private static final Pattern FOUND_SHAPE =
      Pattern.compile("(?:coerce|from) ([A-Z][a-z-]+(?:-point)?) value");

  private CoreOsJson() {}

  private static ObjectMapper newMapper() {
    JsonMapper mapper =
        JsonMapper.builder(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64).maxStringLength(1 << 20).maxNumberLength(64).maxNameLength(4096).build())
                .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    // The reference server (Rust/serde) never turns a number or boolean into a string.
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /** Binds the document, or reports why it cannot be bound and answers empty. */
  static <T> Optional<T> read(
      String source, InputStream in, Class<T> type, String kind, Problems problems) {
    try (in) {
      T value = MAPPER.readValue(in, type);
      if (value == null) {
        problems.add(LoadProblem.of(source, kind, "the document is JSON null, expected an object"));
        return Optional.empty();
      }
      return Optional.of(value);
    } catch (JsonProcessingException e) {
      problems.add(problemOf(source, kind, e));
      return Optional.empty();
    } catch (BoundedInput.TooLarge e) {
      problems.add(LoadProblem.of(source, "document_too_large", e.getMessage()));
      return Optional.empty();
    } catch (IOException e) {
      problems.add(LoadProblem.of(source, "unreadable", "cannot read: " + e.getMessage()));
      return Optional.empty();
    }
  }

  private static LoadProblem problemOf(String source, String kind, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    int line = location == null ? 0 : location.getLineNr();
    String where = e instanceof JsonMappingException mapping ? pathOf(mapping) : "";
    String reason = e.getOriginalMessage();
    // A compact constructor's IllegalArgumentException carries the domain reason.
    if (e.getCause() instanceof IllegalArgumentException cause) {
      reason = cause.getMessage();
    } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      // Jackson's own text names Java classes and its coercion settings: say it in JSON terms.
      reason = "expected " + jsonType(mismatch.getTargetType()) + found(mismatch);
    }
    // Databind wraps a syntax error met inside a value; it is still a syntax error.
    boolean syntax =
        e instanceof StreamReadException || e.getCause() instanceof StreamReadException;
    if (e.getCause() instanceof StreamReadException cause) {
      reason = cause.getOriginalMessage();
    }
    return LoadProblem.at(
        source,
        line,
        syntax ? "invalid_json" : kind,
        (where.isEmpty() ? "" : "at " + where + ": ") + firstLine(reason));
  }

  private static String jsonType(Class<?> type) {
    if (type == String.class) {
      return "a string";
    } else if (type == Long.class || type == long.class || type == Integer.class) {
      return "an integer";
    } else if (type == Double.class || type == double.class) {
      return "a number";
    } else if (List.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String found(MismatchedInputException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (message.startsWith("No content to map")) {
      return ", found an empty document";
    }
    // Jackson says "Cannot coerce Integer value (42)" or "from Array value (token …)".
    Matcher shape = FOUND_SHAPE.matcher(message);
    if (!shape.find()) {
      return "";
    }
    return switch (shape.group(1)) {
      case "Integer" -> ", found an integer";
      case "Floating-point" -> ", found a decimal number";
      case "String" -> ", found a string";
      case "Boolean" -> ", found a boolean";
      case "Array" -> ", found an array";
      case "Object" -> ", found an object";
      default -> "";
    };
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed input";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Rejects a missing or empty required string. */
  static String requireText(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("missing or empty `" + field + "`");
    }
    return value;
  }

  /** Rejects a missing required value. */
  static <T> T require(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("missing `" + field + "`");
    }
    return value;
  }
}
