package io.pgfleet.gateway.config;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The inventory's DataSource: the configured PostgreSQL, or the embedded one when {@code
 * pgfleet.inventory.url} is empty. Flyway migrates it at startup (db/migration).
 */
@Configuration(proxyBeanMethods = false)
public class InventoryConfiguration {

  /**
   * Enough for concurrent broker requests, each holding one connection while a workflow answers.
   */
  private static final int MAX_POOL_SIZE = 10;

  @Bean
  DataSource inventoryDataSource(GatewayProperties properties, InventoryServer server) {
    GatewayProperties.Inventory inventory = properties.inventory();
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setPoolName("inventory");
    dataSource.setMaximumPoolSize(MAX_POOL_SIZE);
    if (inventory.embedded()) {
      dataSource.setJdbcUrl(server.embedded().jdbcUrl());
      dataSource.setUsername(EmbeddedInventory.USER);
    } else {
      dataSource.setJdbcUrl(inventory.url());
      dataSource.setUsername(inventory.username());
      dataSource.setPassword(inventory.password());
    }
    return dataSource;
  }

  /** Owns the embedded server (if any) so it stops after the pool that uses it closed. */
  @Bean(destroyMethod = "close")
  InventoryServer inventoryServer(GatewayProperties properties) {
    GatewayProperties.Inventory inventory = properties.inventory();
    return new InventoryServer(
        inventory.embedded()
            ? EmbeddedInventory.start(inventory.dataDir(), inventory.port())
            : null);
  }

  /** Holder for the optional embedded server. */
  public record InventoryServer(EmbeddedInventory embedded) implements AutoCloseable {

    @Override
    public void close() throws Exception {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
