package io.covington.server.load;

import io.covington.graph.input.GraphData;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.graph.validate.ReloadAcceptance;
import io.covington.server.source.GraphDataSource;
import io.covington.server.source.ReleasesSource;
import java.util.List;

/**
 * The OpenShift graph's inputs as they change: releases and a {@link GraphDataSource}. Notices
 * a change by the sources' revisions, so an unchanged source costs a fetch and no rebuild; judges
 * new data with {@link ReloadAcceptance}. Used from one worker thread at a time.
 */
public final class LiveInputs implements GraphLoader, AutoCloseable {

  private final ReleasesSource releases;
  private final GraphDataSource graphData;
  private String updatedKey;
  private String loadedKey;
  private GraphData lastData;
  private ReleaseSet lastReleases;

  public LiveInputs(ReleasesSource releases, GraphDataSource graphData) {
    this.releases = releases;
    this.graphData = graphData;
  }

  @Override
  public boolean changed() throws Exception {
    updatedKey = update();
    return !updatedKey.equals(loadedKey);
  }

  private String update() throws Exception {
    return releases.update() + "/" + graphData.update();
  }

  @Override
  public GraphSnapshot load() throws Exception {
    String key = updatedKey != null ? updatedKey : update();
    updatedKey = null;
    // Recorded before reading: data that fails to load is not read again until it changes.
    loadedKey = key;
    lastReleases = releases.read();
    lastData = graphData.read();
    return GraphSnapshot.build(lastReleases, lastData);
  }

  @Override
  public boolean isLive() {
    return releases.isLive() || graphData.isLive();
  }

  @Override
  public void onChange(Runnable listener) {
    graphData.onChange(listener);
  }

  @Override
  public List<LoadProblem> rejections(GraphSnapshot snapshot, boolean strict) {
    return ReloadAcceptance.rejections(lastData, lastReleases, snapshot, strict);
  }

  @Override
  public List<String> sources() {
    return List.of("releases: " + releases.location(), "graph-data: " + graphData.location());
  }

  @Override
  public void close() {
    graphData.close();
  }
}
