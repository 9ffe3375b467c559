package io.covington.sources.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for registries: the JVM's default CAs plus the CA certificates of the given PEM
 * files (a mirror registry's own CA, as disconnected sites have).
 */
final class RegistryTls {

  private RegistryTls() {}

  /**
   * An SSL context trusting the default CAs and those in {@code caFiles}.
   *
   * @throws IllegalArgumentException naming a file that holds no readable certificate
   */
  public static SSLContext context(List<Path> caFiles) {
    try {
      if (caFiles.isEmpty()) {
        return SSLContext.getDefault();
      }
      KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
      extra.load(null, null);
      int n = 0;
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Path file : caFiles) {
        List<Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
          certs = new ArrayList<>(factory.generateCertificates(in));
        } catch (IOException | CertificateException e) {
          throw new IllegalArgumentException("registry CA file " + file + ": " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
          throw new IllegalArgumentException("registry CA file " + file + " holds no PEM certificate");
        }
        for (Certificate cert : certs) {
          extra.setCertificateEntry("ca-" + n++, cert);
        }
      }
      X509TrustManager defaults = trustManager(null);
      X509TrustManager added = trustManager(extra);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new EitherTrustManager(defaults, added)}, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS for registries: " + e, e);
    }
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager tm : factory.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  /** Trusts a server chain that either the default or the added CAs trust. */
  private static final class EitherTrustManager implements X509TrustManager {
    private final X509TrustManager first;
    private final X509TrustManager second;

    EitherTrustManager(X509TrustManager first, X509TrustManager second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      first.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        second.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        first.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
      all.addAll(List.of(second.getAcceptedIssuers()));
      return all.toArray(new X509Certificate[0]);
    }
  }
}
