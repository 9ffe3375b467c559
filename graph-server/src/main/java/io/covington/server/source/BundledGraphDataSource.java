package io.covington.server.source;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.InvalidInputException;

/** The graph-data shipped in the jar; never changes. */
public final class BundledGraphDataSource implements GraphDataSource {

  @Override
  public String update() {
    return "bundled";
  }

  @Override
  public GraphData read() throws InvalidInputException {
    return BundledData.graphData();
  }

  @Override
  public String location() {
    return "bundled";
  }

  @Override
  public boolean isLive() {
    return false;
  }
}
