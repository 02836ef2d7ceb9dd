package io.pgfleet.testenv.cloud.ec2;

import io.pgfleet.testenv.cloud.state.InstanceRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DescribeInstances, StopInstances (Force) and StartInstances over the local VMs. */
final class Ec2InstanceCalls {

  /** EC2's instance state codes. */
  private static final Map<String, Integer> STATE_CODES =
      Map.of(LocalPower.RUNNING, 16, LocalPower.STOPPED, 80);

  private final LocalResources resources;
  private final LocalPower power;
  private final Ec2StateStore store;

  Ec2InstanceCalls(LocalResources resources, LocalPower power, Ec2StateStore store) {
    this.resources = resources;
    this.power = power;
    this.store = store;
  }

  void register(Map<String, Ec2Action> actions) {
    actions.put("DescribeInstances", this::describe);
    actions.put("StopInstances", this::stop);
    actions.put("StartInstances", this::start);
  }

  private String describe(Ec2Request request, String requestId) {
    List<String> ids = request.list("InstanceId");
    List<Ec2Filter> filters = request.filters();
    List<LocalResources.Vm> vms = ids.isEmpty() ? resources.vms() : requireAll(ids);
    Xml xml = Xml.response("DescribeInstances", requestId).open("reservationSet");
    for (LocalResources.Vm vm : vms) {
      InstanceRecord i = vm.instance();
      Map<String, String> tags = tags(vm);
      String state = power.state(i);
      Map<String, List<String>> attributes =
          Map.of(
              "instance-id",
              List.of(i.vmCid()),
              "instance-state-name",
              List.of(state),
              "availability-zone",
              i.az() == null ? List.of() : List.of(i.az()),
              "private-ip-address",
              i.address() == null ? List.of() : List.of(i.address()));
      if (Ec2Filter.all(filters, name -> attributes.getOrDefault(name, List.of()), tags)) {
        reservation(xml, vm, state, tags);
      }
    }
    return xml.close("reservationSet").end("DescribeInstances");
  }

  private void reservation(Xml xml, LocalResources.Vm vm, String state, Map<String, String> tags) {
    InstanceRecord i = vm.instance();
    xml.open("item")
        .leaf("reservationId", "r-" + i.vmCid().substring(Ec2Ids.INSTANCE_PREFIX.length()))
        .leaf("ownerId", Ec2Ids.OWNER_ID)
        .open("groupSet")
        .close("groupSet")
        .open("instancesSet")
        .open("item")
        .leaf("instanceId", i.vmCid())
        .leaf("imageId", "ami-local")
        .open("instanceState")
        .leaf("code", STATE_CODES.get(state))
        .leaf("name", state)
        .close("instanceState")
        .leaf("privateIpAddress", i.address())
        .leaf("instanceType", "local")
        .leaf("launchTime", i.vmCreatedAt() == null ? null : Ec2Ids.time(i.vmCreatedAt() * 1000))
        .open("placement")
        .leaf("availabilityZone", i.az())
        .close("placement");
    xml.open("blockDeviceMapping");
    if (i.diskCid() != null) {
      xml.open("item")
          .leaf("deviceName", store.get().deviceOf(i.diskCid()))
          .open("ebs")
          .leaf("volumeId", i.diskCid())
          .leaf("status", "attached")
          .leaf("deleteOnTermination", false)
          .close("ebs")
          .close("item");
    }
    xml.close("blockDeviceMapping").tagSet(tags);
    xml.close("item").close("instancesSet").close("item");
  }

  private String stop(Ec2Request request, String requestId) throws Exception {
    boolean force = request.flag("Force");
    List<StateChange> changes = new ArrayList<>();
    for (LocalResources.Vm vm : requireAll(requiredIds(request))) {
      String before = power.state(vm.instance());
      power.stop(vm.instance(), force);
      changes.add(new StateChange(vm.instance().vmCid(), before, power.state(vm.instance())));
    }
    return changes("StopInstances", requestId, changes);
  }

  private String start(Ec2Request request, String requestId) throws Exception {
    List<StateChange> changes = new ArrayList<>();
    for (LocalResources.Vm vm : requireAll(requiredIds(request))) {
      String before = power.state(vm.instance());
      power.start(vm.instance());
      changes.add(new StateChange(vm.instance().vmCid(), before, power.state(vm.instance())));
    }
    return changes("StartInstances", requestId, changes);
  }

  private record StateChange(String instanceId, String previous, String current) {}

  private static String changes(String action, String requestId, List<StateChange> changes) {
    Xml xml = Xml.response(action, requestId).open("instancesSet");
    for (StateChange c : changes) {
      xml.open("item")
          .leaf("instanceId", c.instanceId())
          .open("currentState")
          .leaf("code", STATE_CODES.get(c.current()))
          .leaf("name", c.current())
          .close("currentState")
          .open("previousState")
          .leaf("code", STATE_CODES.get(c.previous()))
          .leaf("name", c.previous())
          .close("previousState")
          .close("item");
    }
    return xml.close("instancesSet").end(action);
  }

  private static List<String> requiredIds(Ec2Request request) {
    List<String> ids = request.list("InstanceId");
    if (ids.isEmpty()) {
      throw Ec2Error.missingParameter("InstanceId");
    }
    return ids;
  }

  /** EC2 checks every id before acting on any. */
  private List<LocalResources.Vm> requireAll(List<String> ids) {
    return ids.stream().map(resources::requireVm).toList();
  }

  /** The tags BOSH's AWS CPI puts on its VMs, plus any set with CreateTags. */
  private Map<String, String> tags(LocalResources.Vm vm) {
    InstanceRecord i = vm.instance();
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("deployment", vm.deployment());
    tags.put("instance_group", i.group());
    tags.put("index", String.valueOf(i.index()));
    tags.put("id", i.id());
    tags.put("name", i.group() + "/" + i.id());
    tags.putAll(store.get().tagsOf(i.vmCid()));
    return tags;
  }
}
