package io.covington.loadtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Opens many connections to the API port and holds them the way a hostile or broken client does
 * (every other one never sends a byte, the rest send a request head one header line at a time,
 * slowloris), while a well-behaved client asks {@code /liveness} and a graph on fresh
 * connections every {@code --probe-every}. Reports what the well-behaved client saw.
 */
@Command(
    name = "covington-connection-flood",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Holds N idle and slowloris connections while probing liveness and the graph API.",
      "Exit 0 when every probe was answered 200, 2 otherwise."
    })
public final class ConnectionFlood implements Callable<Integer> {

  @Option(names = "--target", required = true, paramLabel = "URL", description = "The API's base URL.")
  URI target;

  @Option(names = "--status", required = true, paramLabel = "URL", description = "The status port's base URL.")
  URI status;

  @Option(names = "--connections", defaultValue = "10000", paramLabel = "N",
      description = "Connections to open and hold (default: ${DEFAULT-VALUE}; at most the file-descriptor limit).")
  int connections;

  @Option(names = "--duration", defaultValue = "60", paramLabel = "SECONDS",
      description = "How long to hold them after they are open (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--uri", defaultValue = "/api/upgrades_info/v1/graph?channel=stable-4.16&arch=amd64", paramLabel = "URI",
      description = "The graph the probe asks for (default: ${DEFAULT-VALUE}).")
  String uri;

  @Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ConnectionFlood()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Histogram liveness = new Histogram(60_000, 3);
    Histogram graph = new Histogram(60_000, 3);
    Map<String, Integer> outcomes = new TreeMap<>();
    List<SocketChannel> held = new ArrayList<>();
    InetSocketAddress api = new InetSocketAddress(target.getHost(), target.getPort());
    long openFailures = 0;
    long start = System.nanoTime();
    for (int i = 0; i < connections; i++) {
      try {
        SocketChannel channel = SocketChannel.open(api);
        channel.configureBlocking(false);
        if (i % 2 == 1) {
          channel.write(ascii("GET " + uri + " HTTP/1.1\r\nHost: flood\r\n"));
        }
        held.add(channel);
      } catch (IOException e) {
        openFailures++;
      }
      if (i % 1000 == 999) {
        probe(liveness, graph, outcomes);
      }
    }
    out.printf("opened %d connections in %.1f s (%d could not be opened)%n", held.size(),
        (System.nanoTime() - start) / 1e9, openFailures);
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    int line = 0;
    while (System.nanoTime() < until) {
      // The slowloris half sends one more header line now and then; none ever ends its head.
      line++;
      for (int i = 1; i < held.size(); i += 2) {
        try {
          held.get(i).write(ascii("X-Line-" + line + ": a\r\n"));
        } catch (IOException e) {
          // closed by the server (header timeout or the cap): as expected
        }
      }
      probe(liveness, graph, outcomes);
      Thread.sleep(1000);
    }
    long stillOpen = held.stream().filter(ConnectionFlood::open).count();
    for (SocketChannel channel : held) {
      channel.close();
    }
    out.printf("held for %d s; still open at the end: %d (the server closes beyond its cap and past the header timeout)%n",
        seconds, stillOpen);
    out.printf("liveness: %d probes, p50 %d ms, max %d ms; graph: %d probes, p50 %d ms, max %d ms; outcomes %s%n",
        liveness.getTotalCount(), liveness.getValueAtPercentile(50), liveness.getMaxValue(), graph.getTotalCount(),
        graph.getValueAtPercentile(50), graph.getMaxValue(), outcomes);
    out.flush();
    boolean allOk = outcomes.keySet().stream().allMatch(k -> k.endsWith(" 200"));
    return allOk ? 0 : 2;
  }

  private void probe(Histogram liveness, Histogram graph, Map<String, Integer> outcomes) {
    ask(status, "/liveness", "liveness", liveness, outcomes);
    ask(target, uri, "graph", graph, outcomes);
  }

  /** One request on a connection of its own, as a kubelet probe or a cluster's poll makes; reads the whole answer. */
  private static void ask(URI base, String pathAndQuery, String name, Histogram latency, Map<String, Integer> outcomes) {
    long t0 = System.nanoTime();
    String outcome;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: probe\r\nAccept: application/json\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] head = new byte[12];
      int n = in.readNBytes(head, 0, head.length);
      in.transferTo(OutputStream.nullOutputStream());
      String statusLine = new String(head, 0, n, StandardCharsets.US_ASCII);
      outcome = name + " " + (statusLine.startsWith("HTTP/1.1 ") ? statusLine.substring(9).trim() : "malformed");
    } catch (IOException e) {
      outcome = name + " " + e.getClass().getSimpleName();
    }
    latency.recordValue(Math.max(1, Math.min(60_000, (System.nanoTime() - t0) / 1_000_000)));
    outcomes.merge(outcome, 1, Integer::sum);
  }

  private static boolean open(SocketChannel channel) {
    try {
      return channel.read(ByteBuffer.allocate(1)) >= 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static ByteBuffer ascii(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
  }
}
