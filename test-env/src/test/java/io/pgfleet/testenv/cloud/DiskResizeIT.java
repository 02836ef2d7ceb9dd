package io.pgfleet.testenv.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.activities.bosh.HttpBoshDirector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changed persistent disk size, as a Director handles it: the instance's data moves to a new disk
 * of the new size and the old disk is orphaned; an ignored instance keeps its disk until a state
 * change after it is unignored applies the new size.
 */
class DiskResizeIT {

  private static final String DATA = "data.txt";

  @TempDir Path stateDir;
  private TestCloud test;
  private DirectorClient client;
  private HttpBoshDirector bosh;

  @BeforeEach
  void deploy() throws Exception {
    test = TestCloud.start(stateDir);
    client = test.client;
    client.deploy(TestManifests.cluster("pg", 2, 1));
    bosh = test.bosh(Duration.ofMillis(50));
  }

  @AfterEach
  void stop() {
    test.close();
  }

  @Test
  void aLargerDiskKeepsTheDataAndOrphansTheOldDisk() throws Exception {
    String before0 = disk(0);
    String before1 = disk(1);
    Files.writeString(diskDir(before0).resolve(DATA), "rows of postgres/0");
    LocalVm ignored = test.cloud.vm("pg", "postgres", 1).orElseThrow();
    bosh.setIgnore("pg", "postgres", ignored.instanceId(), true);

    JsonNode deployed = client.deploy(grown());

    assertThat(deployed.get("state").asText()).as(deployed.toString()).isEqualTo("done");
    String after0 = disk(0);
    assertThat(after0).isNotEqualTo(before0);
    assertThat(size(0)).isEqualTo(4096);
    assertThat(Files.readString(diskDir(after0).resolve(DATA))).isEqualTo("rows of postgres/0");
    assertThat(disk(1)).as("ignored: untouched").isEqualTo(before1);
    assertThat(size(1)).isEqualTo(2048);
    assertThat(orphans()).containsExactly(before0);

    bosh.setIgnore("pg", "postgres", ignored.instanceId(), false);
    JsonNode restarted =
        client.run(
            client.putYaml(
                "/deployments/pg/jobs/postgres/" + ignored.instanceId() + "?state=restart", ""));

    assertThat(restarted.get("state").asText()).as(restarted.toString()).isEqualTo("done");
    assertThat(disk(1)).isNotEqualTo(before1);
    assertThat(size(1)).isEqualTo(4096);
    assertThat(orphans()).containsExactlyInAnyOrder(before0, before1);
    List<String> grownDisks = List.of(disk(0), disk(1));
    assertThat(client.deploy(grown()).get("state").asText()).isEqualTo("done");
    assertThat(List.of(disk(0), disk(1))).as("same size again: no migration").isEqualTo(grownDisks);
    assertThat(orphans()).hasSize(2);
  }

  private static String grown() {
    return TestManifests.cluster("pg", 2, 1)
        .replace("persistent_disk: 2048", "persistent_disk: 4096");
  }

  private String disk(int index) throws Exception {
    return DirectorClient.instance(client.instances("pg"), "postgres", index)
        .get("disk_cid")
        .asText();
  }

  private int size(int index) {
    return test.cloud.vm("pg", "postgres", index).orElseThrow().diskSizeMb();
  }

  private List<String> orphans() throws Exception {
    List<String> cids = new ArrayList<>();
    for (JsonNode d : DirectorClient.JSON.readTree(client.get("/orphan_disks").body())) {
      cids.add(d.get("disk_cid").asText());
    }
    return cids;
  }

  private Path diskDir(String cid) {
    return stateDir.resolve("disks").resolve(cid);
  }
}
