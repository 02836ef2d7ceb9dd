package io.pgfleet.testenv.e2e;

/** BOSH manifests for end-to-end tests, shaped like the ones the control plane renders. */
final class Manifests {

  private Manifests() {}

  /** postgres ×2 with persistent disks, pgpool ×3, each VM running the node agent. */
  static String fiveVmCluster(String name) {
    return """
        name: %1$s
        releases:
        - name: pgfleet
          version: latest
        stemcells:
        - alias: default
          os: ubuntu-jammy
          version: latest
        update:
          canaries: 1
          max_in_flight: 5
          canary_watch_time: 1000-60000
          update_watch_time: 1000-60000
        instance_groups:
        - name: postgres
          instances: 2
          azs: [z1]
          vm_type: small
          stemcell: default
          persistent_disk: 4096
          networks: [{name: default}]
          jobs:
          - name: node-agent
            release: pgfleet
            properties:
              pgfleet: {cluster_id: %1$s}
        - name: pgpool
          instances: 3
          azs: [z1]
          vm_type: small
          stemcell: default
          networks: [{name: default}]
          jobs:
          - name: node-agent
            release: pgfleet
            properties:
              pgfleet: {cluster_id: %1$s}
        """
        .formatted(name);
  }
}
