package io.covington.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run stage of {@code deploy/Containerfile}: what a container engine would execute and with
 * which environment. Reads only the forms the file uses (exec-form ENTRYPOINT and CMD, ENV
 * {@code KEY="value"}) and fails on any other form, so a change to the file cannot slip past the
 * tests that run the jar this way.
 *
 * @param entrypoint ENTRYPOINT, exec form
 * @param cmd CMD, exec form; empty when absent
 * @param env every ENV of the run stage, in order
 * @param user USER of the run stage
 * @param copies the run stage's {@code COPY --from=build} sources (paths inside the build stage)
 *     by destination
 * @param buildWorkdir WORKDIR of the build stage, where the repository is copied
 */
record Containerfile(
    List<String> entrypoint,
    List<String> cmd,
    Map<String, String> env,
    String user,
    Map<String, String> copies,
    String buildWorkdir) {

  private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S*))\\s*");

  static Containerfile read() throws IOException {
    return parse(Files.readString(Paths.deploy().resolve("Containerfile")));
  }

  static Containerfile parse(String text) throws IOException {
    List<String> instructions = joinContinuations(text);
    int stage = -1;
    int runStage = (int) instructions.stream().filter(i -> i.startsWith("FROM ")).count() - 1;
    List<String> entrypoint = null;
    List<String> cmd = List.of();
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, String> copies = new LinkedHashMap<>();
    String user = null;
    String buildWorkdir = null;
    for (String instruction : instructions) {
      String[] split = instruction.split("\\s+", 2);
      String keyword = split[0];
      String args = split.length > 1 ? split[1].strip() : "";
      if (keyword.equals("FROM")) {
        stage++;
        continue;
      }
      if (stage == 0 && keyword.equals("WORKDIR")) {
        buildWorkdir = args;
      }
      if (stage != runStage) {
        continue;
      }
      switch (keyword) {
        case "ENTRYPOINT" -> entrypoint = execForm(keyword, args);
        case "CMD" -> cmd = execForm(keyword, args);
        case "ENV" -> env.putAll(envPairs(args));
        case "USER" -> user = args;
        case "COPY" -> {
          String[] words = args.split("\\s+");
          if (words.length == 3 && words[0].equals("--from=build")) {
            copies.put(words[2], words[1]);
          }
        }
        default -> { }
      }
    }
    if (entrypoint == null || user == null || buildWorkdir == null) {
      throw new IllegalArgumentException("Containerfile: no ENTRYPOINT or USER in the last stage, or no WORKDIR in the first");
    }
    return new Containerfile(entrypoint, cmd, env, user, copies, buildWorkdir);
  }

  /** The command a container engine runs: ENTRYPOINT followed by CMD. */
  List<String> command() {
    List<String> command = new ArrayList<>(entrypoint);
    command.addAll(cmd);
    return command;
  }

  private static List<String> joinContinuations(String text) {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      String stripped = line.strip();
      if (stripped.startsWith("#") || (stripped.isEmpty() && current.length() == 0)) {
        continue;
      }
      if (stripped.endsWith("\\")) {
        current.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      current.append(stripped);
      if (current.length() > 0) {
        instructions.add(current.toString().strip());
      }
      current.setLength(0);
    }
    return instructions;
  }

  private static List<String> execForm(String keyword, String args) throws IOException {
    if (!args.startsWith("[")) {
      throw new IllegalArgumentException(
          "Containerfile: " + keyword + " must be in exec form [\"...\"] (the image has no shell): " + args);
    }
    return new ObjectMapper().readValue(args, new TypeReference<List<String>>() {});
  }

  private static Map<String, String> envPairs(String args) {
    Map<String, String> pairs = new LinkedHashMap<>();
    Matcher matcher = ENV_PAIR.matcher(args);
    int end = 0;
    while (matcher.find() && matcher.start() == end) {
      String value = matcher.group(3) != null ? matcher.group(3).replaceAll("\\\\(.)", "$1") : matcher.group(4);
      pairs.put(matcher.group(1), value);
      end = matcher.end();
    }
    if (end != args.length()) {
      throw new IllegalArgumentException("Containerfile: ENV must be KEY=value or KEY=\"value\" pairs: " + args);
    }
    return pairs;
  }
}
