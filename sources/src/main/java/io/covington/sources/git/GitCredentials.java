package io.covington.sources.git;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * The {@code --git-credentials} file. For an {@code https} URL it holds one line, {@code
 * USER:TOKEN}, or a token alone (sent with the user name {@code git}, which GitHub and most hosts
 * accept with a token). For an {@code ssh} URL it is the private key file; the host must be in
 * {@code ~/.ssh/known_hosts}.
 */
public final class GitCredentials {

  private final Optional<Path> file;

  public GitCredentials(Optional<Path> file) {
    this.file = file;
  }

  public static GitCredentials none() {
    return new GitCredentials(Optional.empty());
  }

  /** Configures {@code command} to authenticate for {@code url}. */
  public void apply(TransportCommand<?, ?> command, String url) throws IOException {
    if (file.isEmpty()) {
      return;
    }
    if (isSsh(url)) {
      Path key = file.get().toAbsolutePath();
      File home = FS.DETECTED.userHome();
      SshdSessionFactory factory =
          new SshdSessionFactoryBuilder()
              .setHomeDirectory(home)
              .setSshDirectory(new File(home, ".ssh"))
              .setDefaultIdentities(sshDir -> List.of(key))
              .build(null);
      command.setTransportConfigCallback(t -> {
        if (t instanceof SshTransport ssh) {
          ssh.setSshSessionFactory(factory);
        }
      });
      return;
    }
    String text = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
    int colon = text.indexOf(':');
    String user = colon < 0 ? "git" : text.substring(0, colon);
    String secret = colon < 0 ? text : text.substring(colon + 1);
    command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(user, secret));
  }

  static boolean isSsh(String url) {
    return url.startsWith("ssh://") || url.matches("^[\\w.-]+@[\\w.-]+:.*");
  }
}
