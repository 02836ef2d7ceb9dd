package io.pgfleet.gateway.broker;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;

/** Authentication and API version checks in front of every /v2 endpoint; open endpoints. */
class BrokerGuardsIT extends GatewayIntegrationTest {

  @Test
  void brokerRequestsWithoutCredentialsAre401() throws Exception {
    mvc.perform(get("/v2/catalog").header("X-Broker-API-Version", API_VERSION))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"pgfleet broker\""))
        .andExpect(jsonPath("$.description").value("HTTP basic authentication is required"));
  }

  @Test
  void wrongBrokerPasswordIs401() throws Exception {
    mvc.perform(
            get("/v2/catalog")
                .header("X-Broker-API-Version", API_VERSION)
                .header(HttpHeaders.AUTHORIZATION, basic(BROKER_USER, "guess")))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.description").value("wrong broker username or password"));
  }

  @Test
  void authenticationComesBeforeTheVersionCheck() throws Exception {
    mvc.perform(get("/v2/catalog")).andExpect(status().isUnauthorized());
  }

  @Test
  void missingVersionHeaderIs412() throws Exception {
    mvc.perform(
            get("/v2/catalog")
                .header(HttpHeaders.AUTHORIZATION, basic(BROKER_USER, BROKER_PASSWORD)))
        .andExpect(status().isPreconditionFailed())
        .andExpect(
            jsonPath("$.description")
                .value(
                    "the X-Broker-API-Version header is missing; this broker implements Open"
                        + " Service Broker API 2.17 and needs 2.13 or later"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.12", "1.99", "3.0", "latest", "2"})
  void unsupportedVersionsAre412(String version) throws Exception {
    mvc.perform(
            get("/v2/catalog")
                .header(HttpHeaders.AUTHORIZATION, basic(BROKER_USER, BROKER_PASSWORD))
                .header("X-Broker-API-Version", version))
        .andExpect(status().isPreconditionFailed())
        .andExpect(
            jsonPath("$.description")
                .value(
                    "X-Broker-API-Version "
                        + version
                        + " is not supported; this broker implements Open Service Broker API"
                        + " 2.17 and needs 2.13 or later"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.13", "2.14", "2.17", "2.20"})
  void supportedVersionsPass(String version) throws Exception {
    mvc.perform(
            get("/v2/catalog")
                .header(HttpHeaders.AUTHORIZATION, basic(BROKER_USER, BROKER_PASSWORD))
                .header("X-Broker-API-Version", version))
        .andExpect(status().isOk());
  }

  @Test
  void requestIdentityIsEchoed() throws Exception {
    mvc.perform(broker(get("/v2/catalog")).header("X-Broker-API-Request-Identity", "req-42"))
        .andExpect(status().isOk())
        .andExpect(header().string("X-Broker-API-Request-Identity", "req-42"));
  }

  @Test
  void unsupportedMethodsAndUnknownPathsAnswerWithADescription() throws Exception {
    mvc.perform(broker(post("/v2/service_instances/some-id")).content("{}"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(jsonPath("$.description").value("POST is not supported on this path"));
    mvc.perform(broker(get("/v2/nothing-here")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.description").value("no such endpoint: /v2/nothing-here"));
  }

  @Test
  void operationsApiWithoutTokenIs401() throws Exception {
    mvc.perform(get("/api/v1/clusters"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().exists(HttpHeaders.WWW_AUTHENTICATE))
        .andExpect(
            jsonPath("$.description")
                .value("an admin token is required: Authorization: Bearer <PGFLEET_ADMIN_TOKEN>"));
  }

  @Test
  void operationsApiWithWrongTokenIs401() throws Exception {
    mvc.perform(
            get("/api/v1/clusters")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN + "x"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.description").value("wrong admin token"));
    mvc.perform(
            get("/api/v1/clusters")
                .header(HttpHeaders.AUTHORIZATION, basic(BROKER_USER, BROKER_PASSWORD)))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void healthNeedsNoCredentials() throws Exception {
    mvc.perform(get("/actuator/health"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"));
    mvc.perform(get("/actuator/health/readiness"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"));
  }

  @Test
  void openApiDocumentDescribesBothApis() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.info.title").value("pgfleet API gateway"))
        .andExpect(jsonPath("$.paths['/v2/catalog'].get").exists())
        .andExpect(jsonPath("$.paths['/v2/service_instances/{instanceId}'].put").exists())
        .andExpect(jsonPath("$.paths['/api/v1/clusters/{id}'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/operations/{operationId}'].get").exists())
        .andExpect(jsonPath("$.components.securitySchemes.admin.scheme").value("bearer"));
  }
}
