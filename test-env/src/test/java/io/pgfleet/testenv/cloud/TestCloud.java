package io.pgfleet.testenv.cloud;

import io.pgfleet.activities.bosh.BoshDirectorConfig;
import io.pgfleet.activities.bosh.HttpBoshDirector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A local cloud for one test: a free port, a fresh password, quick lock waits and stops. */
final class TestCloud implements AutoCloseable {

  /** Short so lock conflicts fail in well under a second. */
  static final Duration LOCK_WAIT = Duration.ofMillis(300);

  /** Fake agents start no processes; nothing needs a long SIGTERM grace. */
  static final Duration STOP_GRACE = Duration.ofSeconds(1);

  static final String USER = "admin";

  final LocalCloud cloud;
  final RecordingLauncher launcher;
  final DirectorClient client;
  final String password;

  private TestCloud(LocalCloud cloud, RecordingLauncher launcher, String password) {
    this.cloud = cloud;
    this.launcher = launcher;
    this.password = password;
    this.client = new DirectorClient(cloud.directorUrl(), USER, password);
  }

  static TestCloud start(Path stateDir) throws Exception {
    return start(stateDir, new RecordingLauncher(), UUID.randomUUID().toString());
  }

  static TestCloud start(Path stateDir, RecordingLauncher launcher, String password)
      throws Exception {
    return new TestCloud(builder(stateDir, launcher, password).start(), launcher, password);
  }

  /** A cloud whose config server holds {@code variables}. */
  static TestCloud start(Path stateDir, Map<String, String> variables) throws Exception {
    RecordingLauncher launcher = new RecordingLauncher();
    String password = UUID.randomUUID().toString();
    LocalCloudBuilder builder = builder(stateDir, launcher, password);
    variables.forEach(builder::variable);
    return new TestCloud(builder.start(), launcher, password);
  }

  static LocalCloudBuilder builder(Path stateDir, RecordingLauncher launcher, String password) {
    return LocalCloud.builder()
        .stateDir(stateDir)
        .port(0)
        .credentials(USER, password)
        .temporal("127.0.0.1:7233", "default")
        .agentLauncher(launcher)
        .lockWait(LOCK_WAIT)
        .stopGrace(STOP_GRACE);
  }

  /** pgfleet's own Director client (the production adapter) against this cloud. */
  HttpBoshDirector bosh(Duration poll) {
    return new HttpBoshDirector(
        new BoshDirectorConfig(cloud.directorUrl().toString(), USER, password, null, poll));
  }

  @Override
  public void close() {
    cloud.close();
  }
}
