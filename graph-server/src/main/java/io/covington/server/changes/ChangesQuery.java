package io.covington.server.changes;

import io.covington.server.http.Query;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validated query of {@code /v1/changes} and {@code /v1/changes.atom}.
 *
 * @param channel only this channel's changes; empty for every channel
 * @param arch only this architecture's changes; empty for every architecture
 * @param sinceSequence only publications after this sequence number
 * @param sinceInstant only publications at or after this instant
 */
record ChangesQuery(String channel, String arch, Optional<Long> sinceSequence, Optional<Instant> sinceInstant) {

  private static final Pattern CHANNEL = Pattern.compile("^[0-9a-z\\-\\.]+$");
  private static final Pattern ARCH = Pattern.compile("^[0-9a-z]+$");
  private static final Pattern SEQUENCE = Pattern.compile("^[0-9]{1,18}$");

  static ChangesQuery decode(Query query) {
    String channel = query.optional("channel").isPresent() ? query.matching("channel", CHANNEL, null) : "";
    String arch = query.optional("arch").isPresent() ? query.matching("arch", ARCH, null) : "";
    Optional<String> since = query.optional("since");
    if (since.isEmpty()) {
      return new ChangesQuery(channel, arch, Optional.empty(), Optional.empty());
    }
    String value = since.get();
    if (SEQUENCE.matcher(value).matches()) {
      return new ChangesQuery(channel, arch, Optional.of(Long.parseLong(value)), Optional.empty());
    }
    try {
      return new ChangesQuery(channel, arch, Optional.empty(), Optional.of(Instant.parse(value)));
    } catch (DateTimeParseException e) {
      throw Query.invalid("since must be a publication sequence number or an ISO-8601 instant such as"
          + " 2026-01-31T08:00:00Z, not \"" + value + "\"");
    }
  }

  boolean selects(Publication p) {
    return sinceSequence.map(s -> p.sequence() > s).orElse(true) && sinceInstant.map(i -> !p.at().isBefore(i)).orElse(true);
  }

  /** {@code p} with only the changes this query selects. */
  Publication filter(Publication p) {
    return new Publication(p.sequence(), p.at(), p.baseRevision(), p.revision(),
        p.changes().stream().filter(c -> (channel.isEmpty() || c.channel().equals(channel)) && (arch.isEmpty() || c.arch().equals(arch)))
            .toList());
  }
}
