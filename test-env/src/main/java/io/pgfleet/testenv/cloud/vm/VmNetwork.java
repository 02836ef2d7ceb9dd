package io.pgfleet.testenv.cloud.vm;

import java.util.List;

/**
 * How local VMs get onto the network. By default every VM's address is one more loopback address of
 * this host ({@link #SHARED_LOOPBACK}); {@link NamespaceNetwork} gives each VM address its own
 * network namespace, which fault tests can cut off ({@link #partition}).
 */
public interface VmNetwork extends AutoCloseable {

  /** Every VM in the host's own network namespace: nothing to set up, nothing to cut. */
  VmNetwork SHARED_LOOPBACK =
      new VmNetwork() {
        @Override
        public List<String> commandPrefix(String address) {
          return List.of();
        }

        @Override
        public void attach(String address) {}

        @Override
        public void detach(String address) {}

        @Override
        public void partition(String address) {
          throw new IllegalStateException(
              "Cannot partition "
                  + address
                  + ": the local cloud runs without network namespaces"
                  + " (LocalCloudBuilder.networkNamespaces(true))");
        }

        @Override
        public void heal(String address) {
          partition(address);
        }

        @Override
        public void close() {}
      };

  /** The argv the VM's agent puts before every program so that it runs on the VM's network. */
  List<String> commandPrefix(String address);

  /** Makes the address reachable as its own VM; running it again changes nothing. */
  void attach(String address);

  /** Removes what {@link #attach} set up; nothing there is fine. */
  void detach(String address);

  /** Cuts the VM's address off: it neither sends nor receives until {@link #heal}. */
  void partition(String address);

  void heal(String address);

  /** Removes everything this network set up. */
  @Override
  void close();
}
