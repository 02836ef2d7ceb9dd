package io.pgfleet.testenv.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code pgbackrest repo-ls} against an S3Proxy over https with TLS verification on. */
final class PgBackRestProbe {

  private static final String PGBACKREST = "/usr/bin/pgbackrest";

  /** A listing over loopback takes well under a second. */
  private static final long TIMEOUT_SECONDS = 30;

  private PgBackRestProbe() {}

  /** The repository listing (objects under /repo of the bucket); fails on a non-zero exit. */
  static String listRepo(S3ProxySettings settings, Path caFile, Path workDir) throws Exception {
    if (!Files.isExecutable(Path.of(PGBACKREST))) {
      throw new IllegalStateException(PGBACKREST + " missing: ./pgfleet setup installs pgbackrest");
    }
    Files.createDirectories(workDir);
    Path config = workDir.resolve("pgbackrest.conf");
    Files.write(
        config,
        List.of(
            "[global]",
            "repo1-type=s3",
            "repo1-s3-endpoint=" + settings.host(),
            "repo1-storage-port=" + settings.httpsPort(),
            "repo1-s3-uri-style=path",
            "repo1-storage-verify-tls=y",
            "repo1-storage-ca-file=" + caFile,
            "repo1-s3-bucket=" + settings.bucket(),
            "repo1-s3-region=" + S3Buckets.REGION.id(),
            "repo1-s3-key=" + settings.accessKey(),
            "repo1-s3-key-secret=" + settings.secretKey(),
            "repo1-path=/repo",
            "log-path=" + workDir,
            "lock-path=" + workDir));
    Process process =
        new ProcessBuilder(PGBACKREST, "--config=" + config, "repo-ls")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("pgbackrest repo-ls did not finish in " + TIMEOUT_SECONDS + " s");
    }
    if (process.exitValue() != 0) {
      throw new IOException("pgbackrest repo-ls exited " + process.exitValue() + ": " + output);
    }
    return output;
  }
}
