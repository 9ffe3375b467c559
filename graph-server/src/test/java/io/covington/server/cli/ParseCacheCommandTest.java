package io.covington.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.ParsedFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code path}, {@code explain} and {@code plan} with {@code --parse-cache}: the same answers cold,
 * warm, on a damaged cache and without one; a damaged cache is rewritten.
 */
class ParseCacheCommandTest {

  @TempDir Path dir;

  private String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CovingtonCommand.commandLine(new CovingtonCommand(), Map.of())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
    assertThat(code).as(err.toString()).isIn(0, 1);
    return code + "\n" + out;
  }

  @Test
  void theCommandsAnswerTheSameColdWarmOnADamagedCacheAndWithoutOne() throws Exception {
    Path cache = dir.resolve("parsed");
    String[][] commands = {
      {"path", "--channel", "stable-4.16", "--from", "4.15.20", "--to", "4.16.53", "--json"},
      {"explain", "--channel", "stable-4.16", "--from", "4.15.20", "--to", "4.16.53", "--json"},
      {"plan", "--from", "4.14.30", "--to", "4.16", "--route", "eus", "--json"},
    };
    for (String[] command : commands) {
      String none = run(with(command, "--no-parse-cache"));
      String cold = run(with(command, "--parse-cache", cache.toString()));
      String warm = run(with(command, "--parse-cache", cache.toString()));
      assertThat(cold).as(command[0] + " cold").isEqualTo(none);
      assertThat(warm).as(command[0] + " warm").isEqualTo(none);
    }
    Path graphData = cache.resolve("graph-data-bundled.bin");
    assertThat(graphData).isRegularFile();
    assertThat(cache.resolve("releases-bundled.bin")).isRegularFile();

    byte[] bytes = Files.readAllBytes(graphData);
    bytes[bytes.length / 3] ^= 0x40;
    Files.write(graphData, bytes);
    String damaged = run(with(commands[0], "--parse-cache", cache.toString()));
    assertThat(damaged).isEqualTo(run(with(commands[0], "--no-parse-cache")));

    ParsedFiles rewritten = ParsedFiles.stored(graphData);
    BundledData.graphData(rewritten);
    assertThat(rewritten.storeTrouble()).isFalse();
    assertThat(rewritten.parsed()).isZero();
  }

  @Test
  void theDefaultCacheIsUnderTheXdgCacheDirectoryOrTheHome() {
    assertThat(PathCommands.defaultParseCache(Map.of("XDG_CACHE_HOME", "/var/cache/me")))
        .contains(Path.of("/var/cache/me/covington/parsed"));
    assertThat(PathCommands.defaultParseCache(Map.of("XDG_CACHE_HOME", "relative")))
        .contains(Path.of(System.getProperty("user.home"), ".cache", "covington", "parsed"));
    assertThat(PathCommands.defaultParseCache(Map.of())).isNotEqualTo(Optional.empty());
  }

  private static String[] with(String[] command, String... more) {
    String[] all = new String[command.length + more.length];
    System.arraycopy(command, 0, all, 0, command.length);
    System.arraycopy(more, 0, all, command.length, more.length);
    return all;
  }
}
