package io.pgfleet.activities.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for the test S3Proxy, made by keytool. It names the address both as IP
 * and as DNS entry: pgBackRest 2.45 (OpenSSL) matches only DNS entries once a certificate has any
 * subject alternative name, Java clients only IP entries.
 *
 * @param pem the certificate, for pgBackRest's CA file
 */
record TestS3Tls(Path keystore, String password, String pem) {

  /** keytool makes a P-256 key in about a second; a loaded machine gets room. */
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  private static final String ALIAS = "s3proxy";

  static TestS3Tls create(Path dir, String host) throws IOException, InterruptedException {
    Path keystore = dir.resolve("keystore.p12");
    Files.deleteIfExists(keystore); // a retried start makes a new one
    String password = UUID.randomUUID().toString();
    keytool(
        password,
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
        "SAN=ip:" + host + ",dns:" + host,
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString());
    String pem =
        keytool(password, "-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keystore.toString());
    return new TestS3Tls(keystore, password, pem.substring(pem.indexOf("-----BEGIN")));
  }

  /** The store password goes through the environment: command lines are world-readable. */
  private static String keytool(String password, String... args)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    argv.addAll(List.of(args));
    argv.add("-storepass:env");
    argv.add("STORE_PASSWORD");
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    builder.environment().put("STORE_PASSWORD", password);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("keytool " + args[0] + " did not finish");
    }
    if (process.exitValue() != 0) {
      throw new IOException("keytool " + args[0] + " failed: " + output);
    }
    return output;
  }
}
