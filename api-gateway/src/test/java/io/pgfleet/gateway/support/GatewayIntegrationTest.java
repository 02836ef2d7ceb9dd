package io.pgfleet.gateway.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgfleet.codec.EncryptionKeys;
import io.pgfleet.gateway.rollouts.RolloutTestServer;
import io.pgfleet.workflows.catalog.PlanCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The gateway with its embedded inventory PostgreSQL and a fake ClusterOperations. Every subclass
 * shares this one configuration, so Spring starts one context (and one PostgreSQL) for all.
 */
@SpringBootTest(
    properties = {
      "pgfleet.broker.username=" + GatewayIntegrationTest.BROKER_USER,
      "pgfleet.broker.password=" + GatewayIntegrationTest.BROKER_PASSWORD,
      "pgfleet.admin-token=" + GatewayIntegrationTest.ADMIN_TOKEN
    })
@AutoConfigureMockMvc
@Import(GatewayIntegrationTest.FakeClusters.class)
public abstract class GatewayIntegrationTest {

  public static final String BROKER_USER = "platform";
  public static final String BROKER_PASSWORD = "test-broker-password";
  public static final String ADMIN_TOKEN = "test-admin-token";
  public static final String API_VERSION = "2.17";
  public static final String SMALL = PlanCatalog.SMALL.id();

  /** A fresh inventory per test JVM, under target/ so `mvn clean` removes it. */
  private static final Path DATA_DIR =
      Path.of("target", "inventory-it", UUID.randomUUID().toString());

  /** A random payload codec key per test JVM: no key is ever written into the sources. */
  public static final String CODEC_KEYS = EncryptionKeys.newKeySpec("test");

  @DynamicPropertySource
  static void inventory(DynamicPropertyRegistry registry) {
    registry.add("pgfleet.inventory.data-dir", DATA_DIR::toString);
    registry.add("pgfleet.codec.keys", () -> CODEC_KEYS);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class FakeClusters {
    @Bean
    @Primary
    FakeClusterOperations fakeClusterOperations() {
      return new FakeClusterOperations();
    }

    @Bean(destroyMethod = "close")
    @Primary
    RolloutTestServer rolloutTestServer() {
      return new RolloutTestServer();
    }

    @Bean
    @Primary
    FakeBackupWorkflows fakeBackupWorkflows() {
      return new FakeBackupWorkflows();
    }
  }

  @Autowired protected MockMvc mvc;
  @Autowired protected FakeClusterOperations clusters;
  @Autowired protected FakeBackupWorkflows backupWorkflows;
  @Autowired protected RolloutTestServer rollouts;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected ObjectMapper json;

  @BeforeEach
  void noLeftoverFailure() {
    clusters.failNext(null);
    backupWorkflows.failNextStart(null);
  }

  protected static String newId() {
    return UUID.randomUUID().toString();
  }

  /** A request with the platform's credentials and API version. */
  protected static MockHttpServletRequestBuilder broker(MockHttpServletRequestBuilder request) {
    return request
        .header(HttpHeaders.AUTHORIZATION, basic(BROKER_USER, BROKER_PASSWORD))
        .header("X-Broker-API-Version", API_VERSION)
        .contentType(MediaType.APPLICATION_JSON);
  }

  protected static MockHttpServletRequestBuilder admin(MockHttpServletRequestBuilder request) {
    return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN);
  }

  protected static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  protected static String provisionBody(String planId, String parameters) {
    return """
        {"service_id":"%s","plan_id":"%s","organization_guid":"org","space_guid":"space",
         "context":{"platform":"cloudfoundry"},"parameters":%s}"""
        .formatted(PlanCatalog.SERVICE_ID, planId, parameters);
  }

  protected static String bindBody(String planId, String appGuid) {
    return """
        {"service_id":"%s","plan_id":"%s","bind_resource":{"app_guid":"%s"}}"""
        .formatted(PlanCatalog.SERVICE_ID, planId, appGuid);
  }

  protected JsonNode body(MvcResult result) throws Exception {
    return json.readTree(result.getResponse().getContentAsString());
  }

  /** PUTs a new instance and returns the operation id the broker answered with. */
  protected String provision(String instanceId) throws Exception {
    MvcResult result =
        mvc.perform(
                broker(put("/v2/service_instances/" + instanceId + "?accepts_incomplete=true"))
                    .content(provisionBody(SMALL, "{\"purpose\":\"test\"}")))
            .andExpect(status().isAccepted())
            .andReturn();
    return body(result).get("operation").asText();
  }

  /** Provisions and lets the fake finish it; the instance is then ready. */
  protected String readyInstance() throws Exception {
    String instanceId = newId();
    clusters.finish(instanceId, provision(instanceId), true);
    return instanceId;
  }

  protected JsonNode lastOperation(String instanceId, String operationId) throws Exception {
    return body(
        mvc.perform(
                broker(
                    get("/v2/service_instances/" + instanceId + "/last_operation")
                        .param("operation", operationId)))
            .andExpect(status().isOk())
            .andReturn());
  }

  protected MockHttpServletRequestBuilder deprovisionRequest(String instanceId) {
    return broker(
        delete("/v2/service_instances/" + instanceId)
            .param("service_id", PlanCatalog.SERVICE_ID)
            .param("plan_id", SMALL)
            .param("accepts_incomplete", "true"));
  }

  protected long instanceRows(String instanceId) {
    return jdbc.sql("SELECT count(*) FROM service_instances WHERE id = ?")
        .param(instanceId)
        .query(Long.class)
        .single();
  }

  protected long bindingRows(String bindingId) {
    return jdbc.sql("SELECT count(*) FROM service_bindings WHERE binding_id = ?")
        .param(bindingId)
        .query(Long.class)
        .single();
  }

  /** The audit events of one instance (and binding, if given), oldest first. */
  protected List<String> auditEvents(String instanceId, String bindingId) {
    return jdbc.sql(
            "SELECT operation_type || ':' || event FROM operation_log WHERE instance_id = ?"
                + " AND (CAST(? AS text) IS NULL OR binding_id = ?) ORDER BY id")
        .params(instanceId, bindingId, bindingId)
        .query(String.class)
        .list();
  }
}
