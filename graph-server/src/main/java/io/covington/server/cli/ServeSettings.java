package io.covington.server.cli;

import io.covington.server.ServerConfig;
import io.covington.sources.OpenShiftInputs;
import io.covington.sources.coreos.CoreOsStreamsSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server is started with, checked: what {@link CovingtonCommand#validate()} makes
 * of the flags.
 *
 * @param server where both ports listen and the APIs' path prefixes
 * @param cacheBytes bound of each API's response cache, per snapshot
 * @param eventLoops event loops serving the API port, at least 1
 * @param openshift where the OpenShift graph's inputs are
 * @param openshiftInterval how often the OpenShift inputs are checked for changes: the registry
 *     interval when a registry is used, else the reload interval
 * @param streams a CoreOS streams directory; empty for the bundled streams or URLs
 * @param streamUrls the CoreOS streams' URL templates, re-read every {@code streamsInterval}
 * @param streamsInterval how often URL streams are read again
 * @param strict refuse inputs with any problem
 * @param shutdownDelay how long to keep serving after SIGTERM with readiness at 503
 * @param shutdownGrace then, how long requests in flight get to finish
 */
public record ServeSettings(
    ServerConfig server,
    long cacheBytes,
    int eventLoops,
    OpenShiftInputs openshift,
    Duration openshiftInterval,
    Optional<Path> streams,
    Optional<CoreOsStreamsSource.UrlTemplates> streamUrls,
    Duration streamsInterval,
    boolean strict,
    Duration shutdownDelay,
    Duration shutdownGrace) {

  public ServeSettings {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(openshift, "openshift");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(streamUrls, "streamUrls");
  }
}
