package io.covington.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes a response body as exactly one UTF-8 JSON value, with no BOM and no trailing bytes. */
public final class JsonBody {

  private static final JsonFactory JSON = new JsonFactory();

  /** What writes the value. */
  @FunctionalInterface
  public interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private JsonBody() {}

  /**
   * The bytes {@code writer} writes.
   *
   * @param sizeHint the expected size, to size the buffer once
   */
  public static byte[] write(int sizeHint, Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      // Writing to memory cannot fail.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** An object: {@code fields} write its fields between the braces. */
  public static byte[] object(int sizeHint, Writer fields) {
    return write(sizeHint, g -> {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    });
  }
}
