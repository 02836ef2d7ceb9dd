package io.pgfleet.testenv.cloud.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Names only: making namespaces needs root and is covered by PartitionFaultIT. */
class NamespaceNetworkTest {

  @Test
  void eachAddressHasItsOwnNamespaceAndAHostLinkNameWithinFifteenCharacters() {
    assertThat(NamespaceNetwork.namespace("127.0.3.4")).isEqualTo("pgfleet-127.0.3.4");
    assertThat(NamespaceNetwork.hostLink("127.0.3.4")).isEqualTo("pgfh0304");
    assertThat(NamespaceNetwork.hostLink("127.0.255.254"))
        .isEqualTo("pgfhfffe")
        .hasSizeLessThan(16);
  }

  @Test
  void agentProgramsEnterTheAddresssNamespace() {
    assertThat(new NamespaceNetwork(Path.of("/var/tmp/x")).commandPrefix("127.0.3.4"))
        .containsExactly("/usr/bin/nsenter", "--net=/run/netns/pgfleet-127.0.3.4", "--");
  }

  @Test
  void onlyVmLoopbackAddressesAreAccepted() {
    assertThatThrownBy(() -> NamespaceNetwork.hostLink("10.0.0.1"))
        .hasMessageContaining("127.0.x.y");
  }

  @Test
  void withoutNamespacesAPartitionIsRefusedWithTheWayToTurnThemOn() {
    assertThat(VmNetwork.SHARED_LOOPBACK.commandPrefix("127.0.3.4")).isEmpty();
    assertThatThrownBy(() -> VmNetwork.SHARED_LOOPBACK.partition("127.0.3.4"))
        .hasMessageContaining("networkNamespaces(true)");
  }
}
