package io.pgfleet.gateway.broker;

import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.catalog.PlanCatalog;
import org.junit.jupiter.api.Test;

class CatalogIT extends GatewayIntegrationTest {

  @Test
  void catalogOffersOneServiceWithThreePlans() throws Exception {
    mvc.perform(broker(get("/v2/catalog")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.services.length()").value(1))
        .andExpect(jsonPath("$.services[0].id").value(PlanCatalog.SERVICE_ID))
        .andExpect(jsonPath("$.services[0].name").value(PlanCatalog.SERVICE_NAME))
        .andExpect(jsonPath("$.services[0].description").isNotEmpty())
        .andExpect(jsonPath("$.services[0].bindable").value(true))
        .andExpect(jsonPath("$.services[0].plan_updateable").value(true))
        .andExpect(jsonPath("$.services[0].instances_retrievable").value(true))
        .andExpect(jsonPath("$.services[0].bindings_retrievable").value(false))
        .andExpect(jsonPath("$.services[0].plans[*].name", contains("small", "medium", "large")))
        .andExpect(
            jsonPath(
                "$.services[0].plans[*].id",
                contains(PlanCatalog.SMALL.id(), PlanCatalog.MEDIUM.id(), PlanCatalog.LARGE.id())))
        .andExpect(jsonPath("$.services[0].plans[0].free").value(false))
        .andExpect(jsonPath("$.services[0].plans[0].metadata.cpus").value(1))
        .andExpect(jsonPath("$.services[0].plans[0].metadata.memory").value("2 GiB"))
        .andExpect(jsonPath("$.services[0].plans[0].metadata.disk").value("10 GiB"))
        .andExpect(jsonPath("$.services[0].plans[2].metadata.cpus").value(4))
        .andExpect(jsonPath("$.services[0].plans[2].metadata.memory").value("16 GiB"))
        .andExpect(jsonPath("$.services[0].plans[2].metadata.disk").value("200 GiB"))
        .andExpect(jsonPath("$.services[0].plans[0].metadata.bullets.length()").value(3));
  }
}
