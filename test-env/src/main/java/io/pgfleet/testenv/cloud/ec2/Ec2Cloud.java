package io.pgfleet.testenv.cloud.ec2;

import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.vm.VmManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local cloud's EC2-compatible API: point the AWS SDK's {@code Ec2Client} at {@link
 * #endpoint()} with the configured region and keys. Its own state ({@code <state>/ec2.json} and
 * {@code <state>/snapshots/}) survives restarts like the Director's.
 */
public final class Ec2Cloud implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Ec2Cloud.class);

  private final Ec2HttpServer http;
  private final Ec2ApiSettings settings;

  private Ec2Cloud(Ec2HttpServer http, Ec2ApiSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  public static Ec2Cloud start(
      InetAddress bind, Ec2ApiSettings settings, StateStore director, VmManager vms)
      throws IOException {
    Ec2StateStore store = Ec2StateStore.open(vms.layout().stateDir());
    SnapshotFiles snapshots = new SnapshotFiles(vms.layout().stateDir().resolve("snapshots"));
    recover(store, snapshots);
    LocalResources resources = new LocalResources(director, store, vms.layout());
    Map<String, Ec2Action> actions = new HashMap<>();
    new Ec2InstanceCalls(resources, new LocalPower(vms), store).register(actions);
    new Ec2SnapshotCalls(resources, snapshots, store).register(actions);
    new Ec2VolumeCalls(resources, snapshots, store).register(actions);
    new Ec2TagCalls(resources, store).register(actions);
    new Ec2AttachmentCalls(new LocalAttachments(resources, director, store, vms)).register(actions);
    Ec2Api api = new Ec2Api(new SigV4Verifier(settings, Clock.systemUTC()), actions);
    Ec2HttpServer http = Ec2HttpServer.start(new InetSocketAddress(bind, settings.port()), api);
    LOG.info("EC2 API listening on {} (region {})", http.url(), settings.region());
    return new Ec2Cloud(http, settings);
  }

  /** The endpoint override for the AWS SDK, e.g. {@code http://127.0.0.1:8773}. */
  public URI endpoint() {
    return http.url();
  }

  public String region() {
    return settings.region();
  }

  public String accessKey() {
    return settings.accessKey();
  }

  /**
   * Copies a crash interrupted failed: snapshots still pending and volumes still creating end in
   * error, and half-made snapshot directories go.
   */
  private static void recover(Ec2StateStore store, SnapshotFiles snapshots) throws IOException {
    String interrupted = "the local cloud stopped while copying";
    store.update(
        s -> {
          Ec2State next = s;
          for (SnapshotRecord snap : s.snapshots()) {
            if (SnapshotRecord.PENDING.equals(snap.state())) {
              next = next.withSnapshot(snap.withState(SnapshotRecord.ERROR, interrupted));
            }
          }
          for (VolumeRecord volume : s.volumes()) {
            if (VolumeRecord.CREATING.equals(volume.state())) {
              next = next.withVolume(volume.withState(VolumeRecord.ERROR));
            }
          }
          return next;
        });
    Set<String> known =
        store.get().snapshots().stream()
            .filter(s -> SnapshotRecord.COMPLETED.equals(s.state()))
            .map(SnapshotRecord::snapshotId)
            .collect(Collectors.toSet());
    List<String> swept = snapshots.sweep(known);
    if (!swept.isEmpty()) {
      LOG.info("Removed snapshot directories no snapshot names: {}", swept);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
