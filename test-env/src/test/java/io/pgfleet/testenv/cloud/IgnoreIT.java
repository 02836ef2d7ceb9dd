package io.pgfleet.testenv.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.activities.bosh.HttpBoshDirector;
import io.pgfleet.workers.node.NodeAgentConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BOSH's ignore flag, set through pgfleet's own Director client: a deploy leaves ignored instances
 * untouched (their agents keep their configuration), a state change naming one fails with 140021,
 * and once unignored a state change applies the deployment's (new) manifest to that instance only.
 * The rolling update relies on exactly this.
 */
class IgnoreIT {

  @TempDir Path stateDir;
  private TestCloud test;
  private DirectorClient client;
  private HttpBoshDirector bosh;

  @BeforeEach
  void deploy() throws Exception {
    test = TestCloud.start(stateDir);
    client = test.client;
    client.deploy(TestManifests.cluster("pg", 2, 3));
    bosh = test.bosh(Duration.ofMillis(50));
  }

  @AfterEach
  void stop() {
    test.close();
  }

  @Test
  void aDeployLeavesIgnoredInstancesAloneUntilEachIsUnignoredAndRestarted() throws Exception {
    for (LocalVm vm : test.cloud.vms("pg")) {
      bosh.setIgnore("pg", vm.instanceGroup(), vm.instanceId(), true);
    }
    int startsBefore = test.launcher.started().size();
    String v2 = TestManifests.cluster("pg", 2, 3).replace("role_hint: pgpool", "role_hint: v2");

    JsonNode deployed = client.deploy(v2);

    assertThat(deployed.get("state").asText()).as(deployed.toString()).isEqualTo("done");
    assertThat(test.launcher.started()).hasSize(startsBefore);
    assertThat(client.get("/deployments/pg").body()).contains("role_hint: v2");
    assertThat(client.instances("pg")).allMatch(i -> i.get("ignore").asBoolean());

    LocalVm pgpool0 = test.cloud.vm("pg", "pgpool", 0).orElseThrow();
    JsonNode refused =
        client.run(
            client.putYaml(
                "/deployments/pg/jobs/pgpool/" + pgpool0.instanceId() + "?state=restart", ""));
    assertThat(refused.get("state").asText()).isEqualTo("error");
    assertThat(client.output(refused.get("id").asLong(), "event"))
        .contains("\"code\":140021")
        .contains("You are trying to change the state of the ignored instance 'pgpool/");

    bosh.setIgnore("pg", "pgpool", pgpool0.instanceId(), false);
    JsonNode recreated =
        client.run(
            client.putYaml(
                "/deployments/pg/jobs/pgpool/" + pgpool0.instanceId() + "?state=recreate", ""));

    assertThat(recreated.get("state").asText()).as(recreated.toString()).isEqualTo("done");
    assertThat(test.cloud.vm("pg", "pgpool", 0).orElseThrow().vmCid())
        .isNotEqualTo(pgpool0.vmCid());
    for (NodeAgentConfig running : test.launcher.running()) {
      boolean updated = running.instanceId().equals(pgpool0.instanceId());
      assertThat(running.properties().get("role_hint"))
          .as("%s/%d", running.instanceGroup(), running.index())
          .isEqualTo(updated ? "v2" : running.instanceGroup());
    }
    assertThat(
            DirectorClient.instance(client.instances("pg"), "pgpool", 0).get("ignore").asBoolean())
        .isFalse();
  }

  @Test
  void theFlagNeedsABooleanAndAKnownInstance() throws Exception {
    HttpResponse<String> notBoolean =
        putJson("/deployments/pg/instance_groups/pgpool/0/ignore", "{}");
    assertThat(notBoolean.statusCode()).isEqualTo(400);
    assertThat(DirectorClient.JSON.readTree(notBoolean.body()).get("code").asInt())
        .isEqualTo(40000);
    HttpResponse<String> unknown =
        putJson("/deployments/pg/instance_groups/pgpool/9/ignore", "{\"ignore\":true}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    HttpResponse<String> byIndex =
        putJson("/deployments/pg/instance_groups/pgpool/1/ignore", "{\"ignore\":true}");
    assertThat(byIndex.statusCode()).isEqualTo(200);
    assertThat(
            DirectorClient.instance(client.instances("pg"), "pgpool", 1).get("ignore").asBoolean())
        .isTrue();
  }

  private HttpResponse<String> putJson(String path, String body) throws Exception {
    return client.send(
        client
            .request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }
}
