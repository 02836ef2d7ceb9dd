package io.pgfleet.testenv.cloud.vm;

import io.pgfleet.testenv.cloud.manifest.LocalRelease;
import io.pgfleet.testenv.cloud.manifest.Manifest;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.workers.node.NodeAgentConfig;
import io.pgfleet.workers.node.NodeAgentConfig.LinkedInstance;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the node-agent job's configuration for one instance the way a BOSH job template would:
 * the job's manifest properties (with {@code ((variables))} from the {@link ConfigServer}), the
 * VM's own facts, and links to every instance of every group. The Temporal frontend is the
 * manifest's ({@code pgfleet.temporal}) when it names one, else the local cloud's.
 */
public final class AgentConfigRenderer {

  private final VmLayout layout;
  private final VmSettings settings;
  private final VmNetwork network;

  public AgentConfigRenderer(VmLayout layout, VmSettings settings, VmNetwork network) {
    this.layout = layout;
    this.settings = settings;
    this.network = network;
  }

  /**
   * @param instances every instance of the deployment, for the links
   */
  public NodeAgentConfig render(
      String deployment,
      Manifest manifest,
      InstanceRecord instance,
      List<InstanceRecord> instances) {
    Map<String, Object> properties =
        new ConfigServer(settings.variables()).interpolate(properties(manifest, instance.group()));
    return new NodeAgentConfig(
        deployment,
        instance.group(),
        instance.index(),
        instance.id(),
        instance.vmCid(),
        instance.address(),
        temporal(properties),
        layout.storeDir(instance),
        layout.vmDir(instance.vmCid()),
        settings.vmUser(),
        settings.postgresBinDir(),
        settings.pgpoolBin(),
        NodeAgentConfig.DEFAULT_POSTGRES_PORT,
        NodeAgentConfig.DEFAULT_PGPOOL_PORT,
        NodeAgentConfig.DEFAULT_PCP_PORT,
        withoutCodecKeys(properties),
        links(manifest, instances),
        network.commandPrefix(instance.address()));
  }

  /**
   * {@code pgfleet.temporal.address} / {@code namespace} from the job's properties, each falling
   * back to the local cloud's own; a real job template renders exactly what the manifest says. The
   * codec keys are {@code pgfleet.codec.keys} (on a real Director, resolved from CredHub), or none.
   */
  private NodeAgentConfig.Temporal temporal(Map<String, Object> properties) {
    Map<?, ?> pgfleet = child(properties, "pgfleet");
    Map<?, ?> temporal = child(pgfleet, "temporal");
    return new NodeAgentConfig.Temporal(
        text(temporal, "address", settings.temporalAddress()),
        text(temporal, "namespace", settings.temporalNamespace()),
        text(child(pgfleet, "codec"), "keys", null));
  }

  /** The keys go to {@code temporal.codec_keys} only, never twice onto the VM or into a log. */
  private static Map<String, Object> withoutCodecKeys(Map<String, Object> properties) {
    if (!(properties.get("pgfleet") instanceof Map<?, ?> pgfleet)
        || !pgfleet.containsKey("codec")) {
      return properties;
    }
    Map<Object, Object> trimmed = new LinkedHashMap<>(pgfleet);
    trimmed.remove("codec");
    Map<String, Object> copy = new LinkedHashMap<>(properties);
    copy.put("pgfleet", trimmed);
    return copy;
  }

  private static Map<?, ?> child(Map<?, ?> parent, String key) {
    return parent.get(key) instanceof Map<?, ?> map ? map : Map.of();
  }

  private static String text(Map<?, ?> parent, String key, String fallback) {
    return parent.get(key) instanceof String value && !value.isBlank() ? value : fallback;
  }

  private static Map<String, Object> properties(Manifest manifest, String group) {
    return manifest
        .instanceGroup(group)
        .flatMap(
            g ->
                g.jobs().stream()
                    .filter(j -> LocalRelease.NODE_AGENT_JOB.equals(j.name()))
                    .findFirst())
        .map(Manifest.Job::properties)
        .orElse(Map.of());
  }

  private static Map<String, List<LinkedInstance>> links(
      Manifest manifest, List<InstanceRecord> instances) {
    Map<String, List<LinkedInstance>> links = new LinkedHashMap<>();
    for (Manifest.InstanceGroup group : manifest.instanceGroups()) {
      links.put(
          group.name(),
          instances.stream()
              .filter(i -> i.group().equals(group.name()))
              .sorted(Comparator.comparingInt(InstanceRecord::index))
              .map(i -> new LinkedInstance(i.group(), i.index(), i.id(), i.address()))
              .toList());
    }
    return links;
  }
}
