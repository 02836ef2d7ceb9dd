package io.pgfleet.gateway.ops;

import io.pgfleet.gateway.web.Ids;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operations API for operators (bearer token): clusters, their nodes and operations. */
@RestController
@RequestMapping("/api/v1")
public class OperationsApiController {

  private final ClusterQueries queries;

  public OperationsApiController(ClusterQueries queries) {
    this.queries = queries;
  }

  @GetMapping("/clusters")
  public List<OpsResponses.ClusterSummary> clusters() {
    return queries.clusters();
  }

  @GetMapping("/clusters/{id}")
  public OpsResponses.ClusterDetail cluster(@PathVariable String id) {
    return queries.cluster(Ids.require("cluster id", id));
  }

  @GetMapping("/clusters/{id}/operations")
  public List<OpsResponses.Operation> clusterOperations(@PathVariable String id) {
    return queries.operations(Ids.require("cluster id", id));
  }

  @GetMapping("/operations/{operationId}")
  public OpsResponses.Operation operation(@PathVariable String operationId) {
    return queries.operation(Ids.require("operation id", operationId));
  }
}
