package io.pgfleet.testenv.cloud.jobs;

import io.pgfleet.testenv.cloud.manifest.Manifest;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.testenv.cloud.vm.VmManager;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instances as the Director shows them: the NDJSON lines of a {@code vms}/{@code instances
 * ?format=full} task (bosh {@code jobs/vm_state.rb}), and the short form of {@code /instances} and
 * {@code /vms} without format=full. Keys are in BOSH's order.
 */
public final class InstanceViews {

  private static final DateTimeFormatter RUBY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private InstanceViews() {}

  public static Map<String, Object> full(InstanceRecord i, Manifest manifest, VmManager vms) {
    String vmType =
        manifest == null
            ? null
            : manifest.instanceGroup(i.group()).map(Manifest.InstanceGroup::vmType).orElse(null);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("vm_cid", i.vmCid());
    line.put("vm_created_at", i.vmCreatedAt() == null ? null : RUBY_TIME.format(seconds(i)));
    line.put("cloud_properties", Map.of());
    line.put("disk_cid", i.diskCid());
    line.put("disk_cids", i.diskCid() == null ? List.of() : List.of(i.diskCid()));
    line.put("ips", ips(i));
    line.put("dns", List.of());
    line.put("agent_id", i.agentId());
    line.put("job_name", i.group());
    line.put("index", i.index());
    line.put("job_state", vms.jobState(i));
    line.put("state", i.state());
    line.put("resource_pool", vmType);
    line.put("vm_type", vmType);
    line.put("vitals", null);
    line.put("processes", vms.processes(i));
    line.put("resurrection_paused", false);
    line.put("az", i.az());
    line.put("id", i.id());
    line.put("bootstrap", i.bootstrap());
    line.put("ignore", i.ignore());
    line.put("active", i.hasVm());
    return line;
  }

  /**
   * {@code GET /deployments/:d/instances} ({@code expects_vm}) or {@code /vms} ({@code active}).
   */
  public static Map<String, Object> brief(InstanceRecord i, boolean instancesRoute) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("agent_id", i.agentId());
    view.put("cid", i.vmCid());
    view.put("job", i.group());
    view.put("index", i.index());
    view.put("id", i.id());
    view.put("az", i.az());
    view.put("ips", i.hasVm() ? ips(i) : List.of());
    view.put(
        "vm_created_at",
        i.vmCreatedAt() == null ? null : DateTimeFormatter.ISO_INSTANT.format(seconds(i)));
    if (instancesRoute) {
      view.put("expects_vm", !InstanceRecord.DETACHED.equals(i.state()));
    } else {
      view.put("active", i.hasVm());
    }
    return view;
  }

  private static List<String> ips(InstanceRecord i) {
    return i.address() == null ? List.of() : List.of(i.address());
  }

  private static Instant seconds(InstanceRecord i) {
    return Instant.ofEpochSecond(i.vmCreatedAt());
  }
}
