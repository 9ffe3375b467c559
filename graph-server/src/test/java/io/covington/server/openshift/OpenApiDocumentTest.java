package io.covington.server.openshift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.server.CovingtonServer;
import io.covington.server.RunningServer;
import io.covington.server.ServerConfig;
import io.covington.server.cache.TestCaches;
import io.covington.server.http.ApiRouter;
import io.covington.server.reload.Served;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document and the routes actually served must agree. */
class OpenApiDocumentTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void documentsExactlyThePathsTheServerRoutesUnderItsPrefix() {
    Vertx vertx = Vertx.vertx();
    try {
      String prefix = "/some/prefix";
      Router router = ApiRouter.create(vertx, CovingtonServer.apis(vertx,
          new ServerConfig("127.0.0.1", 0, 0, prefix, "/coreos"), new Served<>(), new Served<>(), Clock.systemUTC(),
          TestCaches.inline()), (a, r, s, d) -> {});
      Set<String> routed =
          router.getRoutes().stream()
              .map(Route::getPath)
              .filter(Objects::nonNull)
              .filter(path -> path.startsWith(prefix + "/"))
              .map(path -> path.substring(prefix.length()))
              .collect(Collectors.toSet());

      assertThat(routed).isNotEmpty();
      assertThat(OpenApiDocument.forPrefix(prefix).paths()).containsExactlyInAnyOrderElementsOf(routed);
    } finally {
      vertx.close();
    }
  }

  @Test
  void everyDocumentedPathAnswersAndEveryParameterPatternIsTheOneEnforced() throws Exception {
    try (RunningServer server = RunningServer.start("/p")) {
      OpenApiDocument document = OpenApiDocument.forPrefix("/p");
      for (String path : document.paths()) {
        // The signature path's parameters as the cluster-version-operator fills them in.
        String example = path.replace(":digest", "sha256=" + "0".repeat(64)).replace(":file", "signature-1");
        assertThat(RunningServer.get(server.api(example + "?channel=stable-4.16&from=4.16.0&to=4.16.1")).statusCode())
            .as(path)
            .isIn(200, 503);
      }
      JsonNode doc = MAPPER.readTree(document.json());
      assertThat(doc.at("/components/parameters/channel/schema/pattern").textValue())
          .isEqualTo(GraphQuery.CHANNEL_PATTERN);
      assertThat(doc.at("/components/parameters/arch/schema/pattern").textValue())
          .isEqualTo(GraphQuery.ARCH_PATTERN);
      assertThat(doc.at("/components/parameters/arch/schema/default").textValue())
          .isEqualTo(GraphQuery.DEFAULT_ARCH);
      assertThat(doc.at("/servers/0/url").textValue()).isEqualTo("/p");
      assertThat(doc.at("/info/description").textValue()).contains("/liveness", "/readiness", "/metrics");
    }
  }

  @Test
  void everyReferenceResolves() throws Exception {
    JsonNode doc = MAPPER.readTree(OpenApiDocument.forPrefix("").json());
    List<String> refs = doc.findValuesAsText("$ref");

    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
    assertThat(doc.at("/servers/0/url").textValue()).isEqualTo("/");
  }
}
