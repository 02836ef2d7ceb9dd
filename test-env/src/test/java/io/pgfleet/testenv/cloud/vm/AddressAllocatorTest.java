package io.pgfleet.testenv.cloud.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressAllocatorTest {

  @TempDir Path tmp;

  private static final ListeningSockets NOTHING_LISTENS =
      new ListeningSockets() {
        @Override
        public boolean isListening(String ipv4) {
          return false;
        }
      };

  private Path stateDir(String name) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("director.json"), "{}");
    return dir;
  }

  @Test
  void addressesAreUniqueAcrossLocalCloudsAndNeverIn127_0_0() throws Exception {
    Path leases = tmp.resolve("leases");
    AddressAllocator one = new AddressAllocator(leases, stateDir("one"), NOTHING_LISTENS);
    AddressAllocator two = new AddressAllocator(leases, stateDir("two"), NOTHING_LISTENS);

    String a = one.allocate(Set.of());
    String b = one.allocate(Set.of(a));
    String c = two.allocate(Set.of());
    assertThat(a).isEqualTo("127.0.1.1");
    assertThat(Set.of(a, b, c)).hasSize(3).noneMatch(x -> x.startsWith("127.0.0."));

    one.release(a);
    assertThat(two.allocate(Set.of(c))).isEqualTo(a);
  }

  @Test
  void leasesOfVanishedCloudsAreTakenOverAndListenersAvoided() throws Exception {
    Path leases = tmp.resolve("leases");
    Path gone = tmp.resolve("gone");
    new AddressAllocator(leases, Files.createDirectories(gone), NOTHING_LISTENS).allocate(Set.of());
    ListeningSockets busyFirst =
        new ListeningSockets() {
          @Override
          public boolean isListening(String ipv4) {
            return ipv4.equals("127.0.1.2");
          }
        };
    AddressAllocator fresh = new AddressAllocator(leases, stateDir("fresh"), busyFirst);
    assertThat(fresh.allocate(Set.of())).isEqualTo("127.0.1.1");
    assertThat(fresh.allocate(Set.of("127.0.1.1"))).isEqualTo("127.0.1.3");
  }

  @Test
  void procNetShowsIpv4LittleEndian() {
    assertThat(ListeningSockets.hex("127.0.1.5")).isEqualTo("0501007F");
  }
}
