package io.pgfleet.testenv.cloud;

/** Deployment manifests shaped like pgfleet's: postgres instances with disks, pgpool without. */
final class TestManifests {

  private TestManifests() {}

  static String cluster(String name, int postgres, int pgpool) {
    return """
        name: %s
        releases:
        - name: pgfleet
          version: 0+dev.1
        stemcells:
        - alias: default
          os: ubuntu-jammy
          version: latest
        update:
          canaries: 1
          max_in_flight: 1
          canary_watch_time: 1000-30000
          update_watch_time: 1000-30000
        instance_groups:
        - name: postgres
          instances: %d
          azs: [z1, z2]
          vm_type: small
          stemcell: default
          persistent_disk: 2048
          networks: [{name: default}]
          jobs:
          - name: node-agent
            release: pgfleet
            properties:
              cluster_id: %s
              role_hint: postgres
        - name: pgpool
          instances: %d
          azs: [z1]
          vm_type: small
          stemcell: default
          networks: [{name: default}]
          jobs:
          - name: node-agent
            release: pgfleet
            properties:
              cluster_id: %s
              role_hint: pgpool
        """
        .formatted(name, postgres, name, pgpool, name);
  }
}
