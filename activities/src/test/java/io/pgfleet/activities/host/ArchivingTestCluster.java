package io.pgfleet.activities.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.ArchiveStatus;
import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.PostgresCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Two loopback "VMs" (.2 primary, .3 standby) in a free 127.1x.y.0/24 block (a range no other IT
 * uses) and an S3Proxy on .9 of the same block, with the inputs a workflow would send.
 */
final class ArchivingTestCluster implements AutoCloseable {

  /** Archiving a segment over loopback takes well under a second; failures show within a few. */
  static final long ARCHIVE_WAIT_MILLIS = 30_000;

  private static final long POLL_MILLIS = 100;

  final String clusterId = "it-" + UUID.randomUUID().toString().substring(0, 8);
  final PostgresCredentials credentials =
      new PostgresCredentials(
          UUID.randomUUID().toString(), "replicator", UUID.randomUUID().toString());
  final String prefix = freeLoopbackPrefix();
  final Path root;
  final TestVm primaryVm;
  final TestVm standbyVm;
  final TestS3Proxy s3;
  final ArchiveSettings settings;

  ArchivingTestCluster() throws Exception {
    root = Files.createTempDirectory(Path.of("/tmp"), "pgfleet-wal");
    if (HostUsers.agentIsRoot()) {
      Files.setOwner(
          root,
          root.getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(TestVm.SERVICE_USER));
    }
    primaryVm = TestVm.create(root, "vm1", "postgres_0", prefix + "2");
    standbyVm = TestVm.create(root, "vm2", "postgres_1", prefix + "3");
    s3 = TestS3Proxy.start(root.resolve("s3"), prefix + "9");
    settings = s3.settings(clusterId);
  }

  /** PostgreSQL first: a fast stop would wait for an archiver retrying a vanished store. */
  @Override
  public void close() {
    standbyVm.killAll();
    primaryVm.killAll();
    s3.close();
    HostFiles.deleteTree(root);
  }

  BootstrapPrimaryInput bootstrapInput() {
    return new BootstrapPrimaryInput(clusterId, credentials, Map.of(), List.of(prefix + "3"));
  }

  BuildStandbyInput standbyInput() {
    return new BuildStandbyInput(
        clusterId, prefix + "2", 5432, "postgres_1", credentials, Map.of(), List.of(prefix + "2"));
  }

  Connection superuser(TestVm vm) throws SQLException {
    return DriverManager.getConnection(
        vm.jdbcUrl(5432), "postgres", credentials.superuserPassword());
  }

  String query(TestVm vm, String sql) throws SQLException {
    try (Connection c = superuser(vm);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  void execute(TestVm vm, String sql) throws SQLException {
    try (Connection c = superuser(vm);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Polls archiveStatus until it satisfies {@code done}; fails with the last status seen. */
  static ArchiveStatus await(
      PostgresHostActivitiesImpl node, String what, Predicate<ArchiveStatus> done)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + ARCHIVE_WAIT_MILLIS;
    ArchiveStatus status = node.archiveStatus();
    while (!done.test(status)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(
            "no " + what + " within " + ARCHIVE_WAIT_MILLIS + " ms: " + status);
      }
      Thread.sleep(POLL_MILLIS);
      status = node.archiveStatus();
    }
    return status;
  }

  /** Whether WAL file {@code wal} (or a later one) is archived by this node. */
  static Predicate<ArchiveStatus> archivedAtLeast(String wal) {
    return s -> s.lastArchivedWal() != null && s.lastArchivedWal().compareTo(wal) >= 0;
  }

  /** Object keys in the stanza's WAL archive, as S3 itself lists them. */
  List<String> archivedKeys() {
    String prefix = clusterId + "/archive/" + clusterId + "/";
    try (S3Client client = s3.client()) {
      return client
          .listObjectsV2Paginator(b -> b.bucket(TestS3Proxy.BUCKET).prefix(prefix))
          .contents()
          .stream()
          .map(S3Object::key)
          .map(key -> key.substring(prefix.length()))
          .toList();
    }
  }

  /** {@code pgbackrest info} of the stanza, run on {@code vm} with that VM's configuration. */
  JsonNode pgBackRestInfo(TestVm vm) throws IOException {
    PgBackRestFiles files = new PgBackRestFiles(vm.layout());
    CommandResult result =
        new HostCommandRunner(vm.env())
            .run(
                HostCommand.of(
                    Duration.ofSeconds(60),
                    files.binary(),
                    "--config=" + files.config(),
                    "--stanza=" + clusterId,
                    "--output=json",
                    "info"));
    return new ObjectMapper().readTree(result.output()).get(0);
  }

  /** A 127.1x.y.0/24 block nobody listens in (HostActivitiesIT and SQL ITs use other ranges). */
  private static String freeLoopbackPrefix() {
    for (int attempt = 0; attempt < 50; attempt++) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      String prefix = "127." + random.nextInt(10, 20) + "." + random.nextInt(1, 250) + ".";
      if (!TestVm.listening(prefix + "2", 5432) && !TestVm.listening(prefix + "3", 5432)) {
        return prefix;
      }
    }
    throw new IllegalStateException("no free loopback block in 127.10-19.*");
  }
}
