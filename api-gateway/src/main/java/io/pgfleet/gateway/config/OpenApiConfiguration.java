package io.pgfleet.gateway.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Title and authentication schemes of the OpenAPI document at /v3/api-docs. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  @Bean
  OpenAPI pgfleetOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("pgfleet API gateway")
                .version("v1")
                .description(
                    "Open Service Broker API v2.17 under /v2 (HTTP basic, X-Broker-API-Version"
                        + " >= 2.13) and the operations API under /api/v1 (bearer admin token)."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "broker", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                .addSecuritySchemes(
                    "admin", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
  }
}
