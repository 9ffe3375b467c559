package io.covington.graph.input;

import io.covington.graph.model.MatchingRule;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The binary form of what {@link ParsedFiles} stores on disk: one writer and one reader per kind
 * of parsed file ({@code channel}, {@code blocked-edge}, {@code releases}) and for the problems a
 * parse reported. Every value is rebuilt through its public constructor, so the checks those make
 * hold for stored values too. A reader that meets anything unexpected (a length out of range, an
 * unknown kind) throws {@link IOException}: the store is then ignored, never half used.
 */
final class ParsedCodec {

  /** Longest string or list accepted back: far above any real graph-data value, well below memory. */
  private static final int MAX_LENGTH = 64 << 20;

  private ParsedCodec() {}

  static boolean knows(String kind) {
    return switch (kind) {
      case "channel", "blocked-edge", "releases" -> true;
      default -> false;
    };
  }

  static void writeValue(DataOutputStream out, String kind, Object value) throws IOException {
    switch (kind) {
      case "channel" -> writeChannel(out, (Channel) value);
      case "blocked-edge" -> writeBlockedEdge(out, (BlockedEdge) value);
      case "releases" -> writeReleases(out, (ReleaseSet) value);
      default -> throw new IllegalArgumentException("no stored form for parsed files of kind " + kind);
    }
  }

  static Object readValue(DataInputStream in, String kind) throws IOException {
    return switch (kind) {
      case "channel" -> new Channel(string(in), list(in, ParsedCodec::string), string(in));
      case "blocked-edge" -> readBlockedEdge(in);
      case "releases" -> readReleases(in);
      default -> throw new IOException("unknown kind of parsed file: " + kind);
    };
  }

  static void writeProblems(DataOutputStream out, List<LoadProblem> problems) throws IOException {
    out.writeInt(problems.size());
    for (LoadProblem p : problems) {
      write(out, p.source());
      out.writeInt(p.line().orElse(-1));
      write(out, p.kind());
      write(out, p.message());
    }
  }

  static List<LoadProblem> readProblems(DataInputStream in) throws IOException {
    return list(in, i -> {
      String source = string(i);
      int line = i.readInt();
      return new LoadProblem(source, line < 0 ? OptionalInt.empty() : OptionalInt.of(line), string(i), string(i));
    });
  }

  private static void writeChannel(DataOutputStream out, Channel c) throws IOException {
    write(out, c.name());
    out.writeInt(c.versions().size());
    for (String v : c.versions()) {
      write(out, v);
    }
    write(out, c.source());
  }

  private static void writeBlockedEdge(DataOutputStream out, BlockedEdge b) throws IOException {
    write(out, b.to());
    write(out, b.from().pattern());
    out.writeInt(b.from().flags());
    out.writeBoolean(b.risk().isPresent());
    if (b.risk().isPresent()) {
      Risk r = b.risk().get();
      write(out, r.name());
      write(out, r.url());
      write(out, r.message());
      out.writeInt(r.matchingRules().size());
      for (MatchingRule m : r.matchingRules()) {
        write(out, m.type());
        writeOptional(out, m.promql());
      }
    }
    out.writeBoolean(b.osTransition().isPresent());
    if (b.osTransition().isPresent()) {
      write(out, b.osTransition().get().from());
      write(out, b.osTransition().get().to());
    }
    writeOptional(out, b.message());
    write(out, b.source());
  }

  private static BlockedEdge readBlockedEdge(DataInputStream in) throws IOException {
    String to = string(in);
    String regex = string(in);
    Pattern from;
    try {
      from = Pattern.compile(regex, in.readInt());
    } catch (IllegalArgumentException e) {
      throw new IOException("stored pattern does not compile: " + e.getMessage(), e);
    }
    Optional<Risk> risk = Optional.empty();
    if (in.readBoolean()) {
      String name = string(in);
      String url = string(in);
      String message = string(in);
      List<MatchingRule> rules = list(in, i -> new MatchingRule(string(i), optional(i)));
      risk = Optional.of(new Risk(name, url, message, rules));
    }
    Optional<OsTransition> os = in.readBoolean() ? Optional.of(new OsTransition(string(in), string(in))) : Optional.empty();
    return new BlockedEdge(to, from, risk, os, optional(in), string(in));
  }

  private static void writeReleases(DataOutputStream out, ReleaseSet set) throws IOException {
    out.writeInt(set.releases().size());
    for (Release r : set.releases()) {
      write(out, r.version());
      write(out, r.arch());
      write(out, r.payload());
      out.writeInt(r.metadata().size());
      for (Map.Entry<String, String> e : r.metadata().entrySet()) {
        write(out, e.getKey());
        write(out, e.getValue());
      }
    }
    out.writeInt(set.edges().size());
    for (ReleaseEdge e : set.edges()) {
      write(out, e.fromId());
      write(out, e.toId());
    }
    writeProblems(out, set.problems());
    write(out, set.revision());
  }

  private static ReleaseSet readReleases(DataInputStream in) throws IOException {
    List<Release> releases = list(in, i -> {
      String version = string(i);
      String arch = string(i);
      String payload = string(i);
      int n = length(i);
      Map<String, String> metadata = new LinkedHashMap<>();
      for (int k = 0; k < n; k++) {
        metadata.put(string(i), string(i));
      }
      return new Release(version, arch, payload, metadata);
    });
    List<ReleaseEdge> edges = list(in, i -> new ReleaseEdge(string(i), string(i)));
    return new ReleaseSet(releases, edges, readProblems(in), string(in));
  }

  static void write(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static void writeOptional(DataOutputStream out, Optional<String> s) throws IOException {
    out.writeBoolean(s.isPresent());
    if (s.isPresent()) {
      write(out, s.get());
    }
  }

  static String string(DataInputStream in) throws IOException {
    byte[] bytes = new byte[length(in)];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static Optional<String> optional(DataInputStream in) throws IOException {
    return in.readBoolean() ? Optional.of(string(in)) : Optional.empty();
  }

  private static int length(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_LENGTH) {
      throw new IOException("stored length " + n + " out of range");
    }
    return n;
  }

  /** What reads one element; may throw {@link IOException}. */
  interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static <T> List<T> list(DataInputStream in, Reader<T> element) throws IOException {
    int n = length(in);
    List<T> result = new ArrayList<>(Math.min(n, 1024));
    for (int k = 0; k < n; k++) {
      result.add(element.read(in));
    }
    return result;
  }
}
