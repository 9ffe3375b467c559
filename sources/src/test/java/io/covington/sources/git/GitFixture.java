package io.covington.sources.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.util.FS;

/**
 * A real git repository made with the git command: a bare repository (served over {@code file://}
 * or by {@code git daemon} on a loopback port) and a work tree that commits and pushes to it.
 */
public final class GitFixture implements AutoCloseable {

  static {
    measureTempFileStores();
  }

  public final Path bare;
  public final Path work;
  private Process daemon;
  private int daemonPort;

  private GitFixture(Path bare, Path work) {
    this.bare = bare;
    this.work = work;
  }

  /**
   * JGit measures each file store's timestamp resolution the first time it touches it; the server
   * asks for that in the background, writing probe files into whatever directory it was in. In a
   * test that directory is a {@code @TempDir}, and a probe written while JUnit deletes it fails the
   * test. Measure the temporary file store once, here, on this thread, in a directory of our own.
   */
  private static void measureTempFileStores() {
    try {
      measure(Files.createTempDirectory("covington-jgit-probe"));
      Path shm = Path.of("/dev/shm"); // where MemoryTempDir puts the tests' directories
      if (Files.isDirectory(shm) && Files.isWritable(shm)) {
        measure(Files.createTempDirectory(shm, "covington-jgit-probe"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void measure(Path probe) throws IOException {
    FS.FileStoreAttributes.setBackground(false);
    try {
      FS.FileStoreAttributes.get(probe);
    } finally {
      FS.FileStoreAttributes.setBackground(true);
    }
    try (var files = Files.list(probe)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(probe);
  }

  /** A bare repository {@code dir/repo.git} and a clone {@code dir/work} on branch {@code master}. */
  public static GitFixture create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path bare = dir.resolve("repo.git");
    Path work = dir.resolve("work");
    git(dir, "init", "-q", "--bare", "-b", "master", bare.toString());
    git(dir, "init", "-q", "-b", "master", work.toString());
    git(work, "remote", "add", "origin", bare.toString());
    return new GitFixture(bare, work);
  }

  /** Stages everything in the work tree, commits, pushes; returns the new commit id. */
  public String commitAll(String message) throws IOException, InterruptedException {
    git(work, "add", "-A");
    git(work, "-c", "user.name=Covington Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
    git(work, "push", "-q", "origin", "master");
    return git(work, "rev-parse", "HEAD").strip();
  }

  public String fileUrl() {
    return bare.toUri().toString();
  }

  /** Starts {@code git daemon} on a free loopback port serving the bare repository; returns its URL. */
  public String daemonUrl() throws IOException, InterruptedException {
    if (daemon == null) {
      try (ServerSocket probe = new ServerSocket(0)) {
        daemonPort = probe.getLocalPort();
      }
      Path base = bare.getParent();
      daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
              "--port=" + daemonPort, "--base-path=" + base, base.toString())
          .redirectErrorStream(true)
          .redirectOutput(base.resolve("daemon.log").toFile())
          .start();
      awaitListening(daemonPort);
    }
    return "git://127.0.0.1:" + daemonPort + "/" + bare.getFileName();
  }

  private void awaitListening(int port) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        if (!daemon.isAlive()) {
          throw new IOException("git daemon exited: " + Files.readString(bare.getParent().resolve("daemon.log")));
        }
        Thread.sleep(50);
      }
    }
    throw new IOException("git daemon did not listen on port " + port + " within 10 s");
  }

  /** Runs git in {@code dir}; returns its output, or fails with it. */
  public static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("HOME", dir.toString());
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("git " + String.join(" ", args) + " failed: " + output);
    }
    return output;
  }

  @Override
  public void close() {
    if (daemon != null) {
      daemon.destroy();
      try {
        if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
          daemon.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
