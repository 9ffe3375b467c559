package io.covington.server.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One static file of the dashboard, read once from the classpath.
 *
 * @param path the URL path it is served at, e.g. {@code /dashboard/app.js}
 * @param contentType its {@code Content-Type}
 * @param body its bytes, shared: never modified
 */
record DashboardAsset(String path, String contentType, byte[] body) {

  static final String RESOURCE_ROOT = "/io/covington/server/dashboard/";

  /** Reads {@code resource} (relative to the dashboard's resource folder), failing if the jar lacks it. */
  static DashboardAsset load(String path, String resource) {
    try (InputStream in = DashboardAsset.class.getResourceAsStream(RESOURCE_ROOT + resource)) {
      if (in == null) {
        throw new IllegalStateException("dashboard resource " + RESOURCE_ROOT + resource + " is missing from the jar");
      }
      return new DashboardAsset(path, contentTypeOf(resource), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard resource " + resource, e);
    }
  }

  static String contentTypeOf(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (name.endsWith(".json")) {
      return "application/json";
    }
    if (name.endsWith(".svg")) {
      return "image/svg+xml";
    }
    return "text/plain; charset=utf-8";
  }
}
