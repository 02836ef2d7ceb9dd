package io.pgfleet.testenv.bench.failover.patroni;

import java.nio.file.Path;

/**
 * One member's patroni.yml: etcd v3 as DCS, REST API and PostgreSQL on the member's own loopback
 * address, pg_rewind to bring a killed primary back, password authentication over TCP.
 */
final class PatroniConfig {

  static final int POSTGRES_PORT = 5432;
  static final int REST_PORT = 8008;
  static final String SCOPE = "bench";
  static final String SUPERUSER = "postgres";
  static final String REPLICATION_USER = "replicator";
  static final String POSTGRES_BIN = "/usr/lib/postgresql/15/bin";

  private PatroniConfig() {}

  /**
   * @param dir the member's directory: data, Unix socket and pgpass live there
   * @param etcd host:port of etcd's client URL
   */
  static String render(
      PatroniSettings settings,
      String name,
      String address,
      Path dir,
      String etcd,
      String password) {
    return """
        scope: %1$s
        name: %2$s
        log:
          level: INFO
        restapi:
          listen: %3$s:%4$d
          connect_address: %3$s:%4$d
        etcd3:
          hosts: %5$s
        bootstrap:
          dcs:
            ttl: %6$d
            loop_wait: %7$d
            retry_timeout: %8$d
            postgresql:
              use_pg_rewind: true
              parameters:
                wal_log_hints: "on"
          initdb:
            - encoding: UTF8
            - auth-local: trust
            - auth-host: scram-sha-256
          pg_hba:
            - local all all trust
            - host replication %9$s 127.0.0.0/8 scram-sha-256
            - host all all 127.0.0.0/8 scram-sha-256
        postgresql:
          listen: %3$s:%10$d
          connect_address: %3$s:%10$d
          data_dir: %11$s/data
          bin_dir: %12$s
          pgpass: %11$s/pgpass
          authentication:
            superuser:
              username: %13$s
              password: "%14$s"
            replication:
              username: %9$s
              password: "%14$s"
            rewind:
              username: %13$s
              password: "%14$s"
          parameters:
            unix_socket_directories: "%11$s"
        """
        .formatted(
            SCOPE,
            name,
            address,
            REST_PORT,
            etcd,
            settings.ttl(),
            settings.loopWait(),
            settings.retryTimeout(),
            REPLICATION_USER,
            POSTGRES_PORT,
            dir.toAbsolutePath(),
            POSTGRES_BIN,
            SUPERUSER,
            password);
  }
}
