package io.covington.policy.path;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A family of OpenShift channels, {@code <family>-<major>.<minor>}: {@code stable-4.16}, {@code
 * fast-4.16}, {@code eus-4.16}, {@code candidate-4.16}. A plan may switch between the channels of
 * the families it is given.
 */
public enum ChannelFamily {
  STABLE("stable"),
  FAST("fast"),
  EUS("eus"),
  CANDIDATE("candidate");

  private static final Pattern CHANNEL = Pattern.compile("^(stable|fast|eus|candidate)-(\\d+)\\.(\\d+)$");

  private final String wireName;

  ChannelFamily(String wireName) {
    this.wireName = wireName;
  }

  /** The channel-name prefix, e.g. {@code stable}. */
  public String wireName() {
    return wireName;
  }

  /** A channel's family, major and minor; empty for a channel outside the four families (an OKD channel, say). */
  static Optional<Member> of(String channel) {
    Matcher m = CHANNEL.matcher(channel);
    if (!m.matches()) {
      return Optional.empty();
    }
    ChannelFamily family = Arrays.stream(values()).filter(f -> f.wireName.equals(m.group(1))).findFirst().orElseThrow();
    try {
      return Optional.of(new Member(channel, family, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The {@code channels} parameter: family names, comma-separated, in order of preference, each
   * once; {@code stable} when null or blank.
   *
   * @throws PathQueryException naming the values that are not families
   */
  public static List<ChannelFamily> parseList(String value) throws PathQueryException {
    if (value == null || value.isBlank()) {
      return List.of(STABLE);
    }
    List<ChannelFamily> result = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String name : value.split(",")) {
      String trimmed = name.trim();
      Optional<ChannelFamily> family = Arrays.stream(values()).filter(f -> f.wireName.equals(trimmed)).findFirst();
      if (family.isEmpty()) {
        unknown.add('"' + trimmed + '"');
      } else if (!result.contains(family.get())) {
        result.add(family.get());
      }
    }
    if (!unknown.isEmpty() || result.isEmpty()) {
      throw new PathQueryException(PathQueryException.Kind.INVALID_PLAN, "channels", value,
          "channels must name channel families, comma-separated, from "
              + Arrays.stream(values()).map(ChannelFamily::wireName).collect(Collectors.joining(", "))
              + (unknown.isEmpty() ? "" : "; not families: " + String.join(", ", unknown)));
    }
    return List.copyOf(result);
  }

  /** A channel of a family, e.g. {@code eus-4.16}: family EUS, major 4, minor 16. */
  record Member(String name, ChannelFamily family, int major, int minor) {}
}
