package io.pgfleet.testenv.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ProxyConfigTest {

  @TempDir Path dir;

  @Test
  void configurationServesFilesystemOverHttpAndHttpsWithSignedRequests() throws Exception {
    S3ProxySettings settings =
        new S3ProxySettings(
            dir.resolve("s3proxy.jar"),
            dir.resolve("data"),
            dir,
            "127.0.0.1",
            19000,
            19443,
            "access-id",
            "secret-value",
            "pgfleet-backups");
    S3ProxyTls.Material tls =
        new S3ProxyTls.Material(dir.resolve("ks.p12"), "store-pass", dir.resolve("cert.pem"));

    Path file = S3ProxyConfig.write(settings, tls);

    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    assertThat(p)
        .containsEntry("s3proxy.endpoint", "http://127.0.0.1:19000")
        .containsEntry("s3proxy.secure-endpoint", "https://127.0.0.1:19443")
        .containsEntry("s3proxy.authorization", "aws-v2-or-v4")
        .containsEntry("s3proxy.identity", "access-id")
        .containsEntry("s3proxy.credential", "secret-value")
        .containsEntry("jclouds.provider", "filesystem-nio2")
        .containsEntry("jclouds.filesystem.basedir", dir.resolve("data").toString())
        .containsEntry("s3proxy.keystore-path", dir.resolve("ks.p12").toString())
        .containsEntry("s3proxy.keystore-password", "store-pass");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void childProcessRunsTheJarWithTheGeneratedProperties() {
    List<String> command =
        S3ProxyServer.command(Path.of("/lib/s3proxy.jar"), Path.of("/work/s3proxy.conf"));

    assertThat(command.get(0)).endsWith("/bin/java");
    assertThat(command)
        .containsSubsequence("-jar", "/lib/s3proxy.jar", "--properties", "/work/s3proxy.conf")
        .anyMatch(option -> option.startsWith("-Xmx"));
  }

  @Test
  void keystorePasswordNeverAppearsOnKeytoolsCommandLine() {
    List<String> command = S3ProxyTls.keytoolCommand(dir.resolve("ks.p12"), "127.0.0.1");

    assertThat(command).containsSubsequence("-storepass:env", "KEYSTORE_PASSWORD");
    assertThat(command).contains("SAN=ip:127.0.0.1,dns:127.0.0.1,dns:localhost");
  }
}
