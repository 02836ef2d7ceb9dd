package io.pgfleet.activities.bosh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.ClusterManifestInput;
import io.pgfleet.workflows.bosh.ManifestActivities;
import io.pgfleet.workflows.catalog.Plan;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a cluster's BOSH manifest: {@value #POSTGRES_GROUP} ×{@value #POSTGRES_INSTANCES} with
 * persistent disks and {@value #PGPOOL_GROUP} ×{@value #PGPOOL_INSTANCES} without, every VM running
 * the node-agent job with the cluster id, plan, Temporal address and payload codec keys (when
 * configured) as properties. Entries are written in a fixed order and plan parameters sorted, so
 * the same input always gives the same bytes (BOSH then sees no change on a re-deploy).
 */
public final class ManifestActivitiesImpl implements ManifestActivities {

  public static final String POSTGRES_GROUP = "postgres";
  public static final String PGPOOL_GROUP = "pgpool";
  public static final int POSTGRES_INSTANCES = 2;
  public static final int PGPOOL_INSTANCES = 3;
  public static final String NODE_AGENT_JOB = "node-agent";
  private static final String STEMCELL_ALIAS = "default";

  /** Quotes only where YAML needs it, including strings that would read as numbers or booleans. */
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());

  private final ManifestSettings settings;

  public ManifestActivitiesImpl(ManifestSettings settings) {
    this.settings = settings;
  }

  @Override
  public String renderCluster(ClusterManifestInput input) {
    check(input);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", input.deployment());
    manifest.put(
        "releases",
        List.of(map("name", settings.releaseName(), "version", settings.releaseVersion())));
    manifest.put(
        "stemcells",
        List.of(
            map(
                "alias", STEMCELL_ALIAS,
                "os", settings.stemcellOs(),
                "version", settings.stemcellVersion())));
    manifest.put("update", update(settings.update()));
    manifest.put(
        "instance_groups",
        List.of(
            group(POSTGRES_GROUP, POSTGRES_INSTANCES, input, true),
            group(PGPOOL_GROUP, PGPOOL_INSTANCES, input, false)));
    try {
      return YAML.writeValueAsString(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings and numbers always serialize", e);
    }
  }

  private Map<String, Object> group(
      String name, int instances, ClusterManifestInput input, boolean postgres) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", name);
    group.put("instances", instances);
    group.put("azs", settings.azs());
    group.put("vm_type", input.plan().vmType());
    group.put("stemcell", STEMCELL_ALIAS);
    if (postgres) {
      group.put("persistent_disk", input.plan().diskMb());
    }
    group.put("networks", List.of(map("name", settings.network())));
    group.put(
        "jobs",
        List.of(
            map(
                "name", NODE_AGENT_JOB,
                "release", settings.releaseName(),
                "properties", map("pgfleet", properties(input, postgres)))));
    return group;
  }

  private Map<String, Object> properties(ClusterManifestInput input, boolean postgres) {
    Map<String, Object> pgfleet = new LinkedHashMap<>();
    pgfleet.put("cluster_id", input.clusterId());
    pgfleet.put("plan", input.plan().name());
    pgfleet.put(
        "temporal",
        map("address", settings.temporalAddress(), "namespace", settings.temporalNamespace()));
    if (settings.codecKeys() != null) {
      pgfleet.put("codec", map("keys", settings.codecKeys()));
    }
    if (postgres) {
      Map<String, String> parameters =
          input.plan().postgresParameters() == null
              ? Map.of()
              : new TreeMap<>(input.plan().postgresParameters());
      pgfleet.put("postgres", map("parameters", parameters));
    }
    return pgfleet;
  }

  private static Map<String, Object> update(ManifestSettings.Update update) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("canaries", update.canaries());
    block.put("max_in_flight", update.maxInFlight());
    block.put("canary_watch_time", update.canaryWatchTime());
    block.put("update_watch_time", update.updateWatchTime());
    return block;
  }

  /** An insertion-ordered map from alternating keys and values. */
  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static void check(ClusterManifestInput input) {
    Plan plan = input == null ? null : input.plan();
    if (plan == null
        || blank(input.clusterId())
        || blank(input.deployment())
        || blank(plan.name())
        || blank(plan.vmType())
        || plan.diskMb() <= 0) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a cluster manifest needs a cluster id, a deployment name and a plan with a name, a VM"
              + " type and a disk size; got "
              + input,
          FailureType.INVALID_INPUT.name());
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
