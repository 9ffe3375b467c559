package io.covington.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopListenersTest {

  @Test
  void moreListenersShareOneRandomPortAndServeOnTheirOwnEventLoops() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Set<String> threads = ConcurrentHashMap.newKeySet();
      HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1");
      HttpServer first = vertx.createHttpServer(options)
          .requestHandler(request -> {
            threads.add(Thread.currentThread().getName());
            request.response().end("first");
          })
          .listen(-1).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      List<HttpServer> more = EventLoopListeners.add(vertx, options, -1, 2, server -> server.requestHandler(request -> {
        threads.add(Thread.currentThread().getName());
        request.response().end("more");
      })).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(more).hasSize(2).allSatisfy(s -> assertThat(s.actualPort()).isEqualTo(first.actualPort()));
      for (int i = 0; i < 12; i++) {
        // A new client per request: a new connection, given to the next listener in turn.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.actualPort() + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
      }
      assertThat(threads).hasSizeGreaterThan(1);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
