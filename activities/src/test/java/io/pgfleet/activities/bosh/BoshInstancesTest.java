package io.pgfleet.activities.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class BoshInstancesTest {

  static final String NDJSON =
      """
      {"vm_cid":"i-0abc","active":true,"cloud_properties":{},"disk_cid":"vol-0abc","disk_cids":["vol-0abc"],"ips":["10.0.1.5"],"agent_id":"a1","job_name":"postgres","index":0,"job_state":"running","state":"started","vitals":{"cpu":{"sys":"1.3"}},"processes":[{"name":"postgres","state":"running"}],"az":"z1","id":"uuid-0","bootstrap":true}
      {"vm_cid":null,"active":false,"disk_cid":"vol-0def","ips":[],"agent_id":null,"job_name":"postgres","index":1,"job_state":null,"state":"detached","az":"z2","id":"uuid-1","bootstrap":false}
      """;

  @StartStop private final MockWebServer server = new MockWebServer();

  @Test
  void runsTheFullInstancesTaskAndParsesItsNdjsonResult() {
    RouteDispatcher bosh =
        new RouteDispatcher()
            .on("GET /info", Bosh.json(Bosh.BASIC_INFO))
            .on("GET /deployments/pg-1/instances?format=full", Bosh.redirectToTask(77))
            .on("GET /tasks/77", Bosh.task(77, "processing", null), Bosh.task(77, "done", ""))
            .on("GET /tasks/77/output?type=event", Bosh.noContent())
            .on("GET /tasks/77/output?type=result", Bosh.text(200, NDJSON));
    server.setDispatcher(bosh);

    List<BoshInstanceDetail> instances = Bosh.director(server).instances("pg-1");

    assertThat(instances).hasSize(2);
    BoshInstanceDetail primary = instances.get(0);
    assertThat(primary.jobName()).isEqualTo("postgres");
    assertThat(primary.vmCid()).isEqualTo("i-0abc");
    assertThat(primary.ips()).containsExactly("10.0.1.5");
    assertThat(primary.jobState()).isEqualTo("running");
    assertThat(primary.processes())
        .extracting(BoshInstanceDetail.Process::state)
        .containsExactly("running");
    BoshInstanceDetail detached = instances.get(1);
    assertThat(detached.vmCid()).isNull();
    assertThat(detached.jobState()).isNull();
    assertThat(detached.diskCid()).isEqualTo("vol-0def");
    assertThat(detached.diskCids()).isNull();
    assertThat(bosh.requests("GET /tasks/77"))
        .filteredOn(r -> r.getTarget().equals("/tasks/77"))
        .hasSize(2);
  }
}
