package io.pgfleet.workers.controlplane;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;

/**
 * The control-plane worker: hosts every workflow and the activities that talk to BOSH, the IaaS and
 * PostgreSQL, on task queue {@code pgfleet-control}. Stateless: run as many replicas as load needs,
 * all against the same Temporal namespace.
 *
 * <p>No auto-configuration: the worker needs no web server, data source or anything else a library
 * on the classpath might switch on; its beans are all declared in this package.
 */
@SpringBootConfiguration
@ComponentScan
@ConfigurationPropertiesScan
public class ControlPlaneWorkerApplication {

  /**
   * Its own config file name (control-plane-worker.yml), so it shares a classpath with the gateway
   * (as in end-to-end tests) without either reading the other's settings.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(ControlPlaneWorkerApplication.class)
        .web(WebApplicationType.NONE)
        .properties("spring.config.name=control-plane-worker");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
