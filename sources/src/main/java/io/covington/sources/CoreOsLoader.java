package io.covington.sources;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.input.InvalidInputException;
import java.io.IOException;
import java.util.List;

/**
 * The CoreOS streams' loader: every stream from one source (bundled, a directory, or URLs). A
 * stream that cannot be read is left out and reported in the snapshot's problems; a URL stream
 * that cannot be refreshed keeps its last good version and is reported as stale; one that has
 * never been read serves nothing and is reported as missing. Nothing else keeps a snapshot from
 * being published.
 */
public final class CoreOsLoader extends Loader<CoreOsSnapshot> {

  private final Source<CoreOsSnapshot> streams;

  public CoreOsLoader(Source<CoreOsSnapshot> streams) {
    super(List.of(new Labelled("streams", streams)));
    this.streams = streams;
  }

  @Override
  protected LoadResult.Built<CoreOsSnapshot> build() throws IOException, InvalidInputException {
    return new LoadResult.Built<>(read(streams, "streams"), List.of(), streams.stale(), streams.missing());
  }
}
