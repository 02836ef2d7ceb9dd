package io.pgfleet.gateway.broker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.pgfleet.workflows.cluster.BindingCredentials;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The bodies the broker answers with (OSB v2.17 field names). */
public final class OsbResponses {

  private OsbResponses() {}

  /** 202 for an operation the platform polls with last_operation?operation=… */
  public record AsyncOperation(String operation) {}

  /**
   * @param state "in progress", "succeeded" or "failed"
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LastOperation(String state, String description) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Instance(String serviceId, String planId, JsonNode parameters) {}

  public record Binding(Credentials credentials) {}

  /** What applications get; jdbcUrl keeps its conventional spelling. */
  public record Credentials(
      String uri,
      String jdbcUrl,
      String username,
      String password,
      List<String> hosts,
      String database) {

    static Credentials of(BindingCredentials c) {
      return new Credentials(
          c.uri(), c.jdbcUrl(), c.username(), c.password(), c.hosts(), c.database());
    }

    @Override
    public String toString() {
      return "Credentials[username=" + username + ", hosts=" + hosts + "]";
    }
  }

  static ResponseEntity<Object> accepted(String operationId) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(new AsyncOperation(operationId));
  }

  static ResponseEntity<Object> empty(HttpStatus status) {
    return ResponseEntity.status(status).body(Map.of());
  }
}
