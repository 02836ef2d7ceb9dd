package io.pgfleet.testenv.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy's TLS material: a self-signed certificate in a PKCS12 keystore made once by keytool and
 * kept in the work directory (a client that trusts it once keeps trusting it), and its PEM for
 * clients. The certificate names the host as IP address <em>and</em> as DNS name: Java clients
 * match an IP host against IP entries, while pgBackRest (OpenSSL, 2.45) compares only DNS entries
 * once the certificate has any subject alternative name.
 */
final class S3ProxyTls {

  /** Long enough never to expire under a developer; a new certificate needs only a file delete. */
  private static final int VALIDITY_DAYS = 3650;

  /** keytool starts and makes a P-256 key in about a second; a loaded machine gets room. */
  private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

  static final String CERT_FILE = "s3proxy-cert.pem";
  private static final String KEYSTORE_FILE = "s3proxy-keystore.p12";
  private static final String PASSWORD_FILE = "s3proxy-keystore.password";
  private static final String ALIAS = "s3proxy";
  private static final int PASSWORD_BYTES = 18;

  /**
   * @param certFile the certificate (PEM) clients can trust
   */
  record Material(Path keystore, String keystorePassword, Path certFile) {}

  private S3ProxyTls() {}

  static Material prepare(Path workDir, String host) throws IOException {
    Path keystore = workDir.resolve(KEYSTORE_FILE);
    Path passwordFile = workDir.resolve(PASSWORD_FILE);
    if (!Files.exists(keystore) || !Files.exists(passwordFile)) {
      Files.deleteIfExists(keystore);
      PrivateFiles.write(passwordFile, randomPassword());
      generate(keystore, Files.readString(passwordFile), host);
    }
    String password = Files.readString(passwordFile).strip();
    Path certFile = workDir.resolve(CERT_FILE);
    Files.writeString(certFile, pem(certificate(keystore, password)));
    return new Material(keystore, password, certFile);
  }

  static List<String> keytoolCommand(Path keystore, String host) {
    String names =
        "ip:" + host + ",dns:" + host + ("localhost".equals(host) ? "" : ",dns:localhost");
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair",
        "-alias",
        ALIAS,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + host,
        "-ext",
        "SAN=" + names,
        "-validity",
        Integer.toString(VALIDITY_DAYS),
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass:env",
        "KEYSTORE_PASSWORD");
  }

  /** The password reaches keytool through its environment: command lines are world-readable. */
  private static void generate(Path keystore, String password, String host) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(keytoolCommand(keystore, host)).redirectErrorStream(true);
    builder.environment().put("KEYSTORE_PASSWORD", password);
    Process keytool = builder.start();
    try {
      byte[] output = keytool.getInputStream().readAllBytes();
      if (!keytool.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        keytool.destroyForcibly();
        throw new IOException(
            "keytool did not finish within " + KEYTOOL_TIMEOUT.toSeconds() + " s");
      }
      if (keytool.exitValue() != 0 || !Files.exists(keystore)) {
        throw new IOException(
            "keytool could not create "
                + keystore
                + ": "
                + new String(output, StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      keytool.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool created " + keystore, e);
    }
    Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-------"));
  }

  private static Certificate certificate(Path keystore, String password) throws IOException {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      Certificate certificate = store.getCertificate(ALIAS);
      if (certificate == null) {
        throw new IOException("keystore " + keystore + " has no entry " + ALIAS);
      }
      return certificate;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read S3Proxy's keystore " + keystore, e);
    }
  }

  private static String pem(Certificate certificate) throws IOException {
    try {
      Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
      return "-----BEGIN CERTIFICATE-----\n"
          + encoder.encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot encode S3Proxy's certificate", e);
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[PASSWORD_BYTES];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
