package io.covington.graph.coreos;

/** An update from one node to another, as indexes into {@link CoreOsGraph#nodes()}. */
public record CoreOsEdge(int from, int to) {

  public CoreOsEdge {
    if (from < 0 || to < 0) {
      throw new IllegalArgumentException("negative node index in edge (" + from + ", " + to + ")");
    }
  }
}
