package io.pgfleet.workers.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node agent's job configuration, rendered onto the VM the way a BOSH job template would be
 * ({@code jobs/node-agent/config/agent.json} on the VM). Everything the agent knows about its VM,
 * its cluster and its peers comes from here.
 *
 * @param deployment BOSH deployment name
 * @param instanceGroup postgres or pgpool
 * @param instanceId the instance uuid; with the deployment it names the task queue
 * @param vmId the VM's cloud id; every process the agent starts carries it in PGFLEET_VM_ID
 * @param address the VM's IP address; PostgreSQL and pgpool listen on it
 * @param storeDir the persistent disk's mount point (BOSH's /var/vcap/store)
 * @param dataDir the ephemeral disk (BOSH's /var/vcap/data): sockets, pid files, logs
 * @param runAsUser unprivileged user for PostgreSQL and pgpool when the agent runs as root; null
 *     runs them as the agent's own user
 * @param postgresBinDir directory of initdb, pg_ctl, pg_basebackup …
 * @param properties the job's properties from the manifest (cluster id, plan settings …)
 * @param links addresses of the deployment's instances per instance group, like BOSH links
 * @param commandPrefix argv put before every program the agent starts on the VM (e.g. a launcher
 *     that enters the VM's network namespace where one host carries several VMs); empty for none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeAgentConfig(
    String deployment,
    String instanceGroup,
    int index,
    String instanceId,
    String vmId,
    String address,
    Temporal temporal,
    Path storeDir,
    Path dataDir,
    String runAsUser,
    Path postgresBinDir,
    Path pgpoolBin,
    int postgresPort,
    int pgpoolPort,
    int pcpPort,
    Map<String, Object> properties,
    Map<String, List<LinkedInstance>> links,
    List<String> commandPrefix) {

  public NodeAgentConfig {
    commandPrefix = commandPrefix == null ? List.of() : List.copyOf(commandPrefix);
  }

  /** A configuration without a command prefix (programs start as they are). */
  public NodeAgentConfig(
      String deployment,
      String instanceGroup,
      int index,
      String instanceId,
      String vmId,
      String address,
      Temporal temporal,
      Path storeDir,
      Path dataDir,
      String runAsUser,
      Path postgresBinDir,
      Path pgpoolBin,
      int postgresPort,
      int pgpoolPort,
      int pcpPort,
      Map<String, Object> properties,
      Map<String, List<LinkedInstance>> links) {
    this(
        deployment,
        instanceGroup,
        index,
        instanceId,
        vmId,
        address,
        temporal,
        storeDir,
        dataDir,
        runAsUser,
        postgresBinDir,
        pgpoolBin,
        postgresPort,
        pgpoolPort,
        pcpPort,
        properties,
        links,
        List.of());
  }

  /** With another command prefix (the rest unchanged). */
  public NodeAgentConfig withCommandPrefix(List<String> prefix) {
    return new NodeAgentConfig(
        deployment,
        instanceGroup,
        index,
        instanceId,
        vmId,
        address,
        temporal,
        storeDir,
        dataDir,
        runAsUser,
        postgresBinDir,
        pgpoolBin,
        postgresPort,
        pgpoolPort,
        pcpPort,
        properties,
        links,
        prefix);
  }

  /**
   * Where the agent finds the Temporal frontend, and how it reads payloads there.
   *
   * @param codecKeys the payload codec keys ({@code keyId:base64key[,…]}), rendered from the job
   *     property {@code pgfleet.codec.keys}, which manifests set to the config server (CredHub)
   *     variable {@code ((pgfleet_codec_keys))}. Null only where nothing is encrypted (tests of the
   *     local cloud alone).
   */
  public record Temporal(String address, String namespace, String codecKeys) {

    /** A target whose payloads are not encrypted. */
    public Temporal(String address, String namespace) {
      this(address, namespace, null);
    }

    @Override
    public String toString() {
      return "Temporal[address="
          + address
          + ", namespace="
          + namespace
          + ", codecKeys="
          + (codecKeys == null ? "none" : "***")
          + "]";
    }
  }

  /** One peer instance as a BOSH link lists it. */
  public record LinkedInstance(String instanceGroup, int index, String id, String address) {}

  public static final int DEFAULT_POSTGRES_PORT = 5432;
  public static final int DEFAULT_PGPOOL_PORT = 9999;
  public static final int DEFAULT_PCP_PORT = 9898;
  public static final Path DEFAULT_POSTGRES_BIN = Path.of("/usr/lib/postgresql/15/bin");
  public static final Path DEFAULT_PGPOOL_BIN = Path.of("/usr/sbin/pgpool");

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          // Plain paths ("/var/vcap/store"), as a rendered job template has them, not file: URIs.
          .registerModule(
              new SimpleModule().addSerializer(Path.class, ToStringSerializer.instance));

  /** The task queue this VM's agent polls: {@code node/<deployment>/<instance-id>}. */
  public String taskQueue() {
    return taskQueue(deployment, instanceId);
  }

  public static String taskQueue(String deployment, String instanceId) {
    return "node/" + deployment + "/" + instanceId;
  }

  public static NodeAgentConfig read(Path file) throws IOException {
    return JSON.readValue(Files.readAllBytes(file), NodeAgentConfig.class);
  }

  /** Owner-only, as it may hold the codec keys. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }
    Files.setPosixFilePermissions(file, OWNER_ONLY);
    Files.write(file, JSON.writeValueAsBytes(this));
  }
}
