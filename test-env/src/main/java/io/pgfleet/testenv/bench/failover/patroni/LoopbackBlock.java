package io.pgfleet.testenv.bench.failover.patroni;

import io.pgfleet.testenv.cloud.vm.ListeningSockets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Three loopback addresses 127.0.x.1-3 for etcd and two Patroni members, each "host" with the
 * standard ports. The local cloud hands out 127.0.x.y from x = 1 upwards and leases them in a
 * shared directory; this picks from the top down, skipping any leased or listened-on address.
 */
record LoopbackBlock(String etcd, String member1, String member2) {

  private static final int HIGHEST = 250;
  private static final int LOWEST = 200;

  static LoopbackBlock free(Path leaseDir, ListeningSockets listening) {
    for (int x = HIGHEST; x >= LOWEST; x--) {
      String prefix = "127.0." + x + ".";
      LoopbackBlock block = new LoopbackBlock(prefix + 1, prefix + 2, prefix + 3);
      if (block.isFree(leaseDir, listening)) {
        return block;
      }
    }
    throw new IllegalStateException(
        "no free block of loopback addresses in 127.0." + LOWEST + "-" + HIGHEST + ".x");
  }

  /** Where the local cloud keeps its address leases. */
  static Path localCloudLeases() {
    return Path.of(System.getProperty("java.io.tmpdir"), "pgfleet-local-cloud", "address-leases");
  }

  private boolean isFree(Path leaseDir, ListeningSockets listening) {
    for (String address : new String[] {etcd, member1, member2}) {
      if (listening.isListening(address) || Files.exists(leaseDir.resolve(address))) {
        return false;
      }
    }
    return true;
  }
}
