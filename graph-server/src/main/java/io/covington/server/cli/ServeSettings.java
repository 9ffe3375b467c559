package io.covington.server.cli;

import io.covington.graph.validate.SafetyPolicy;
import io.covington.server.ServerConfig;
import io.covington.sources.OpenShiftInputs;
import io.covington.sources.coreos.CoreOsStreamsSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * @param failFast end the command when the first load publishes nothing, instead of serving 503 and retrying
 * @param reloadDeadline how long one load may take before it is abandoned
 * @param acceptedRevisions held-back revisions an operator accepts beforehand
 * @param safety when a valid reload is held back
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
    boolean failFast,
    Duration reloadDeadline,
    List<String> acceptedRevisions,
    SafetyPolicy safety,
    Duration shutdownDelay,
    Duration shutdownGrace) {

  public ServeSettings {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(openshift, "openshift");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(streamUrls, "streamUrls");
    acceptedRevisions = List.copyOf(acceptedRevisions);
    Objects.requireNonNull(safety, "safety");
  }
}
