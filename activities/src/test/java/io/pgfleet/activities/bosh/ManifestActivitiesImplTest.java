package io.pgfleet.activities.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.ClusterManifestInput;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestActivitiesImplTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final ManifestSettings settings =
      new ManifestSettings(
          "pgfleet",
          "0+dev.7",
          "ubuntu-jammy",
          "1.500",
          "pg-net",
          List.of("z1", "z2"),
          "temporal.example:7233",
          "pgfleet-prod",
          new ManifestSettings.Update(1, 2, "1000-30000", "5000"));
  private final ManifestActivitiesImpl manifests = new ManifestActivitiesImpl(settings);

  @Test
  void rendersTwoPostgresVmsWithDisksAndThreePgpoolsRunningTheNodeAgent() throws Exception {
    JsonNode m = parse(PlanCatalog.MEDIUM);

    assertThat(m.get("name").asText()).isEqualTo("pgfleet-c1");
    assertThat(m.at("/releases/0/name").asText()).isEqualTo("pgfleet");
    assertThat(m.at("/releases/0/version").asText()).isEqualTo("0+dev.7");
    assertThat(m.at("/stemcells/0/alias").asText()).isEqualTo("default");
    assertThat(m.at("/stemcells/0/os").asText()).isEqualTo("ubuntu-jammy");
    assertThat(m.at("/stemcells/0/version").isTextual()).as("1.500 stays a string").isTrue();
    assertThat(m.at("/stemcells/0/version").asText()).isEqualTo("1.500");
    assertThat(m.at("/update/canaries").asInt()).isEqualTo(1);
    assertThat(m.at("/update/max_in_flight").asInt()).isEqualTo(2);
    assertThat(m.at("/update/canary_watch_time").asText()).isEqualTo("1000-30000");
    assertThat(m.at("/update/update_watch_time").asText()).isEqualTo("5000");

    JsonNode postgres = m.at("/instance_groups/0");
    assertThat(postgres.get("name").asText()).isEqualTo("postgres");
    assertThat(postgres.get("instances").asInt()).isEqualTo(2);
    assertThat(postgres.get("persistent_disk").asInt()).isEqualTo(51200);
    assertThat(postgres.at("/networks/0/name").asText()).isEqualTo("pg-net");
    assertThat(postgres.get("azs").toString()).isEqualTo("[\"z1\",\"z2\"]");
    assertThat(postgres.get("stemcell").asText()).isEqualTo("default");
    assertThat(postgres.get("jobs")).hasSize(1);
    assertThat(postgres.at("/jobs/0/name").asText()).isEqualTo("node-agent");
    assertThat(postgres.at("/jobs/0/release").asText()).isEqualTo("pgfleet");
    JsonNode props = postgres.at("/jobs/0/properties/pgfleet");
    assertThat(props.get("cluster_id").asText()).isEqualTo("c1");
    assertThat(props.get("plan").asText()).isEqualTo("medium");
    assertThat(props.at("/temporal/address").asText()).isEqualTo("temporal.example:7233");
    assertThat(props.at("/temporal/namespace").asText()).isEqualTo("pgfleet-prod");

    JsonNode pgpool = m.at("/instance_groups/1");
    assertThat(pgpool.get("name").asText()).isEqualTo("pgpool");
    assertThat(pgpool.get("instances").asInt()).isEqualTo(3);
    assertThat(pgpool.has("persistent_disk")).isFalse();
    assertThat(pgpool.at("/jobs/0/properties/pgfleet/cluster_id").asText()).isEqualTo("c1");
    assertThat(pgpool.at("/jobs/0/properties/pgfleet/temporal/address").asText())
        .isEqualTo("temporal.example:7233");
    assertThat(pgpool.at("/jobs/0/properties/pgfleet").has("postgres")).isFalse();
    assertThat(m.get("instance_groups")).hasSize(2);
  }

  @Test
  void codecKeysReachEveryNodeAgentOnlyWhenConfigured() throws Exception {
    String keys = "((pgfleet_codec_keys))";
    ManifestSettings withKeys = settings.withCodecKeys(keys);

    JsonNode m =
        YAML.readTree(new ManifestActivitiesImpl(withKeys).renderCluster(input(PlanCatalog.SMALL)));

    for (JsonNode group : m.get("instance_groups")) {
      assertThat(group.at("/jobs/0/properties/pgfleet/codec/keys").asText()).isEqualTo(keys);
    }
    assertThat(
            parse(PlanCatalog.SMALL)
                .at("/instance_groups/0/jobs/0/properties/pgfleet")
                .has("codec"))
        .as("no codec block without keys")
        .isFalse();
    assertThat(withKeys.toString()).doesNotContain(keys).contains("codecKeys=***");
    assertThat(settings.withCodecKeys(" ").codecKeys()).isNull();
  }

  @Test
  void everyPlanReachesTheVmTypeDiskAndPostgresSettings() throws Exception {
    for (Plan plan : PlanCatalog.PLANS) {
      JsonNode m = parse(plan);
      for (JsonNode group : m.get("instance_groups")) {
        assertThat(group.get("vm_type").asText()).isEqualTo(plan.vmType());
      }
      assertThat(m.at("/instance_groups/0/persistent_disk").asInt()).isEqualTo(plan.diskMb());
      JsonNode parameters =
          m.at("/instance_groups/0/jobs/0/properties/pgfleet/postgres/parameters");
      assertThat(parameters).hasSize(plan.postgresParameters().size());
      plan.postgresParameters()
          .forEach(
              (name, value) -> {
                assertThat(parameters.get(name).isTextual()).as(name).isTrue();
                assertThat(parameters.get(name).asText()).as(name).isEqualTo(value);
              });
    }
  }

  @Test
  void valuesThatLookLikeNumbersOrBooleansStayStrings() throws Exception {
    Plan plan =
        withParameters(
            PlanCatalog.SMALL, Map.of("max_connections", "100", "jit", "off", "hot_standby", "on"));

    JsonNode parameters =
        parse(plan).at("/instance_groups/0/jobs/0/properties/pgfleet/postgres/parameters");

    assertThat(parameters.get("max_connections").isTextual()).isTrue();
    assertThat(parameters.get("jit").asText()).isEqualTo("off");
    assertThat(parameters.get("jit").isTextual()).isTrue();
    assertThat(parameters.get("hot_standby").asText()).isEqualTo("on");
  }

  @Test
  void theSameInputGivesTheSameBytesWhateverTheParameterOrder() {
    List<Map.Entry<String, String>> entries =
        new ArrayList<>(PlanCatalog.LARGE.postgresParameters().entrySet());
    Map<String, String> forward = new LinkedHashMap<>();
    entries.forEach(e -> forward.put(e.getKey(), e.getValue()));
    Collections.reverse(entries);
    Map<String, String> backward = new LinkedHashMap<>();
    entries.forEach(e -> backward.put(e.getKey(), e.getValue()));

    String first = render(withParameters(PlanCatalog.LARGE, forward));
    String second = render(withParameters(PlanCatalog.LARGE, backward));
    String third =
        new ManifestActivitiesImpl(settings)
            .renderCluster(input(withParameters(PlanCatalog.LARGE, forward)));

    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
    assertThat(first).startsWith("name: pgfleet-c1\n");
  }

  @Test
  void anIncompleteInputFailsWithoutRetrying() {
    Plan noVmType = new Plan("id", "odd", "", " ", 1, 1, 1, Map.of(), 0, List.of());

    for (ClusterManifestInput bad :
        List.of(
            new ClusterManifestInput("c1", "pgfleet-c1", null),
            new ClusterManifestInput("", "pgfleet-c1", PlanCatalog.SMALL),
            new ClusterManifestInput("c1", null, PlanCatalog.SMALL),
            new ClusterManifestInput("c1", "pgfleet-c1", noVmType))) {
      assertThatThrownBy(() -> manifests.renderCluster(bad))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              f -> {
                assertThat(f.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
                assertThat(f.isNonRetryable()).isTrue();
              });
    }
  }

  @Test
  void settingsRejectWhatBoshWouldNotAccept() {
    assertThatThrownBy(() -> new ManifestSettings.Update(1, 1, "soon", "1000"))
        .hasMessageContaining("canary_watch_time 'soon'");
    assertThatThrownBy(() -> new ManifestSettings.Update(1, 0, "1000", "1000"))
        .hasMessageContaining("max_in_flight");
    assertThatThrownBy(
            () ->
                new ManifestSettings(
                    "pgfleet",
                    "1",
                    "ubuntu-jammy",
                    "1",
                    "default",
                    List.of(),
                    "t:7233",
                    "default",
                    ManifestSettings.Update.ONE_AT_A_TIME))
        .hasMessageContaining("AZ");
    assertThat(ManifestSettings.defaults("127.0.0.1:7233", "default").releaseName())
        .isEqualTo("pgfleet");
  }

  private JsonNode parse(Plan plan) throws Exception {
    return YAML.readTree(render(plan));
  }

  private String render(Plan plan) {
    return manifests.renderCluster(input(plan));
  }

  private static ClusterManifestInput input(Plan plan) {
    return new ClusterManifestInput("c1", "pgfleet-c1", plan);
  }

  private static Plan withParameters(Plan plan, Map<String, String> parameters) {
    return new Plan(
        plan.id(),
        plan.name(),
        plan.description(),
        plan.vmType(),
        plan.cpus(),
        plan.memoryMb(),
        plan.diskMb(),
        parameters,
        plan.maximumLagOnFailoverBytes(),
        plan.upgradableTo());
  }
}
