package io.covington.server.openshift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAPI 3.0 document of the OpenShift graph API, from the hand-written resource {@code
 * openapi.json} next to this class, with {@code servers} set to the configured path prefix (the
 * document's paths are relative to it). Rendered once at startup.
 */
public final class OpenApiDocument {

  static final String RESOURCE = "openapi.json";

  private final byte[] json;
  private final Set<String> paths;

  private OpenApiDocument(byte[] json, Set<String> paths) {
    this.json = json;
    this.paths = Set.copyOf(paths);
  }

  /** Loads the document for an API served under {@code pathPrefix} (e.g. {@code /api/upgrades_info}). */
  public static OpenApiDocument forPrefix(String pathPrefix) {
    return of(OpenApiDocument.class, RESOURCE, pathPrefix);
  }

  /**
   * Loads the hand-written document {@code resource} (found next to {@code owner}) for an API
   * served under {@code pathPrefix}.
   */
  public static OpenApiDocument of(Class<?> owner, String resource, String pathPrefix) {
    ObjectMapper mapper = new ObjectMapper();
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing from the jar");
      }
      ObjectNode root = (ObjectNode) mapper.readTree(in);
      ArrayNode servers = root.putArray("servers");
      servers.addObject().put("url", pathPrefix.isEmpty() ? "/" : pathPrefix);
      Set<String> paths = new TreeSet<>();
      for (Iterator<String> it = root.path("paths").fieldNames(); it.hasNext(); ) {
        // OpenAPI's path templates, {digest}, are Vert.x's route parameters, :digest.
        paths.add(it.next().replaceAll("\\{([^}/]+)}", ":$1"));
      }
      return new OpenApiDocument(mapper.writeValueAsBytes(root), paths);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The document as JSON bytes. */
  public byte[] json() {
    return json.clone();
  }

  /** The document as JSON bytes, shared: callers must not modify it. */
  public byte[] jsonShared() {
    return json;
  }

  /**
   * The paths the document describes, relative to the prefix, as routed, e.g. {@code /v1/graph} or
   * {@code /signatures/:digest/:file}.
   */
  public Set<String> paths() {
    return paths;
  }
}
