package io.covington.sources.registry;

import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA and a server certificate for {@code 127.0.0.1}/{@code localhost} signed by it,
 * written as the PEM files the registry reads; and bcrypt htpasswd lines. Pure Java (BouncyCastle).
 */
public final class TestCertificates {

  /** The CA file clients trust, the server's certificate and key files, and a client context trusting the CA. */
  public record Issued(Path caPem, Path certificatePem, Path keyPem, SSLContext trust) {}

  private TestCertificates() {}

  public static Issued issue(Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair caKeys = generator.generateKeyPair();
    KeyPair serverKeys = generator.generateKeyPair();
    Date from = Date.from(Instant.now().minus(Duration.ofHours(1)));
    Date to = Date.from(Instant.now().plus(Duration.ofDays(1)));
    X500Name caName = new X500Name("CN=Covington test CA");

    X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName, caKeys.getPublic());
    ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    X509Certificate caCert = sign(ca, caKeys);

    X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to,
        new X500Name("CN=127.0.0.1"), serverKeys.getPublic());
    server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    server.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
    X509Certificate serverCert = sign(server, caKeys);

    Path caPem = Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", caCert.getEncoded()));
    Path certPem = Files.writeString(dir.resolve("server.pem"), pem("CERTIFICATE", serverCert.getEncoded()));
    Path keyPem = Files.writeString(dir.resolve("server-key.pem"), pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));

    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load((InputStream) null, null);
    store.setCertificateEntry("ca", caCert);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext trust = SSLContext.getInstance("TLS");
    trust.init(null, factory.getTrustManagers(), null);
    assert InetAddress.getByName("127.0.0.1").isLoopbackAddress();
    return new Issued(caPem, certPem, keyPem, trust);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  /** An htpasswd line with a bcrypt hash (the only scheme the registry accepts). */
  public static String htpasswd(String user, String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return user + ":" + OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 4) + "\n";
  }
}
