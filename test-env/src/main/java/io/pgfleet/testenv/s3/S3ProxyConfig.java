package io.pgfleet.testenv.s3;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** S3Proxy's {@code --properties} file: filesystem storage, AWS v2/v4 signatures, http + https. */
final class S3ProxyConfig {

  static final String FILE = "s3proxy.conf";

  /**
   * Jetty's default pool is sized for a busy server; backups of a few local clusters need far
   * fewer, and every idle thread costs memory on a small machine.
   */
  private static final int MAX_THREADS = 32;

  private S3ProxyConfig() {}

  static Properties properties(S3ProxySettings settings, S3ProxyTls.Material tls) {
    Properties p = new Properties();
    p.setProperty("s3proxy.endpoint", settings.endpoint());
    p.setProperty("s3proxy.secure-endpoint", settings.secureEndpoint());
    p.setProperty("s3proxy.keystore-path", tls.keystore().toString());
    p.setProperty("s3proxy.keystore-password", tls.keystorePassword());
    p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    p.setProperty("s3proxy.identity", settings.accessKey());
    p.setProperty("s3proxy.credential", settings.secretKey());
    p.setProperty("s3proxy.jetty.max-threads", Integer.toString(MAX_THREADS));
    p.setProperty("jclouds.provider", "filesystem-nio2");
    p.setProperty("jclouds.filesystem.basedir", settings.dataDir().toString());
    return p;
  }

  /** Writes the file owner-only: it holds the secret key and the keystore password. */
  static Path write(S3ProxySettings settings, S3ProxyTls.Material tls) throws IOException {
    Path file = settings.workDir().resolve(FILE);
    PrivateFiles.write(file, "");
    try (Writer out = Files.newBufferedWriter(file)) {
      properties(settings, tls).store(out, "written by pgfleet on every S3Proxy start");
    }
    return file;
  }
}
