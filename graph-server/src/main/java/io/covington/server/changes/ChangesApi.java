package io.covington.server.changes;

import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.http.AcceptNegotiator;
import io.covington.server.http.Api;
import io.covington.server.http.Bodies;
import io.covington.server.http.JsonBody;
import io.covington.server.reload.Served;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code {prefix}/v1/changes} (what changed in the served graph, as JSON) and {@code
 * {prefix}/v1/changes.atom} (the same as an Atom feed), from the {@link ChangeLog}. Answers are
 * small (at most {@link #MAX_ANSWERED} publications) and built per request: the history grows
 * after a snapshot is published, so it is not cached with it.
 */
public final class ChangesApi implements Api {

  /** The most publications one answer lists: the newest ones. */
  static final int MAX_ANSWERED = 100;

  private static final AcceptNegotiator JSON_TYPES = AcceptNegotiator.forJson();
  private static final AcceptNegotiator ATOM_TYPES =
      new AcceptNegotiator(List.of(AtomFeed.CONTENT_TYPE, "application/xml"), AtomFeed.CONTENT_TYPE, AtomFeed.CONTENT_TYPE);

  private final String prefix;
  private final Served<GraphSnapshot> served;
  private final ChangeLog log;
  private final Clock clock;

  public ChangesApi(String prefix, Served<GraphSnapshot> served, ChangeLog log, Clock clock) {
    this.prefix = prefix;
    this.served = served;
    this.log = log;
    this.clock = clock;
  }

  /** The history this API answers from. */
  public ChangeLog log() {
    return log;
  }

  @Override
  public String metricsLabel() {
    return "openshift";
  }

  @Override
  public void addRoutes(Router router) {
    get(router, prefix + "/v1/changes", "changes", JSON_TYPES, ChangesQuery::decode, served, this::json);
    get(router, prefix + "/v1/changes.atom", "changes_atom", ATOM_TYPES, ChangesQuery::decode, served, this::atom);
  }

  /** The selected publications with their selected changes, oldest first, the newest {@link #MAX_ANSWERED}. */
  private List<Publication> select(ChangesQuery q) {
    List<Publication> result = new ArrayList<>();
    for (Publication p : log.publications()) {
      if (q.selects(p)) {
        Publication only = q.filter(p);
        if (!only.changes().isEmpty()) {
          result.add(only);
        }
      }
    }
    return List.copyOf(result.subList(Math.max(0, result.size() - MAX_ANSWERED), result.size()));
  }

  private void json(Request<ChangesQuery, GraphSnapshot> request) {
    ChangesQuery q = request.query();
    List<Publication> publications = select(q);
    byte[] body = JsonBody.object(4096, g -> {
      if (!q.channel().isEmpty()) {
        g.writeStringField("channel", q.channel());
      }
      if (!q.arch().isEmpty()) {
        g.writeStringField("arch", q.arch());
      }
      g.writeStringField("revision", request.snapshot().revision());
      g.writeArrayFieldStart("publications");
      for (Publication p : publications) {
        ChangeJson.write(g, p, "");
      }
      g.writeEndArray();
      g.writeArrayFieldStart("problems");
      for (String problem : log.problems()) {
        g.writeString(problem);
      }
      g.writeEndArray();
    });
    Bodies.send(request.ctx(), 200, request.contentType(), body);
  }

  private void atom(Request<ChangesQuery, GraphSnapshot> request) {
    ChangesQuery q = request.query();
    List<Publication> newestFirst = new ArrayList<>(select(q));
    Collections.reverse(newestFirst);
    byte[] body = AtomFeed.render(feedUrl(request.ctx().request(), q), q.channel(), newestFirst, clock.instant());
    Bodies.send(request.ctx(), 200, request.contentType(), body);
  }

  /** The feed's own URL: the request's, with only the parameters that choose the feed. */
  private static String feedUrl(HttpServerRequest request, ChangesQuery q) {
    String absolute = request.absoluteURI();
    String base = absolute == null ? request.path() : absolute.replaceFirst("\\?.*$", "");
    List<String> params = new ArrayList<>();
    if (!q.channel().isEmpty()) {
      params.add("channel=" + URLEncoder.encode(q.channel(), StandardCharsets.UTF_8));
    }
    if (!q.arch().isEmpty()) {
      params.add("arch=" + URLEncoder.encode(q.arch(), StandardCharsets.UTF_8));
    }
    return base + (params.isEmpty() ? "" : "?" + String.join("&", params));
  }
}
