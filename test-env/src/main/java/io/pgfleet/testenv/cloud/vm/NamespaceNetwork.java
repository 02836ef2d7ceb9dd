package io.pgfleet.testenv.cloud.vm;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every VM address in its own network namespace ({@code pgfleet-127.0.x.y}), so a fault test can
 * cut one VM off the network. Needs root and iproute2.
 *
 * <p>Layout: the namespace's {@code eth0} carries {@code 127.0.x.y/8} (its 127/8 route leads out of
 * the namespace; {@code lo} is up for local delivery but without 127.0.0.1, so 127.0.0.1 means this
 * host). The other end ({@code pgfh<x><y>}, hex) is a port of one bridge per local cloud in the
 * host's namespace: VMs reach each other over the bridge, without IP forwarding. The host reaches a
 * VM through a {@code 127.0.x.y/32} route in table {@code local} (more specific than {@code local
 * 127.0.0.0/8 dev lo}) over the bridge, from 127.0.0.1. Loopback addresses are martians on other
 * interfaces unless {@code route_localnet=1}, set on the bridge and in each namespace. A partition
 * takes the bridge port down: the VM neither sends nor receives.
 */
public final class NamespaceNetwork implements VmNetwork {

  private static final Logger LOG = LoggerFactory.getLogger(NamespaceNetwork.class);
  private static final String NETNS_DIR = "/run/netns";
  private static final String NSENTER = "/usr/bin/nsenter";

  /** Inside a namespace, the VM end of its link (each namespace has its own names). */
  private static final String VM_LINK = "eth0";

  private final String bridge;

  /**
   * Fixed, locally administered: a bridge otherwise takes its ports' lowest MAC, which changes as
   * VMs come and go and leaves the namespaces' ARP entries for the host (127.0.0.1) stale.
   */
  private final String bridgeMac;

  private final Set<String> attached = new LinkedHashSet<>();

  /**
   * @param owner names this cloud's bridge; the state directory keeps concurrent clouds apart
   */
  public NamespaceNetwork(Path owner) {
    int hash = owner.toAbsolutePath().toString().hashCode();
    this.bridge = "pgfbr" + String.format("%08x", hash);
    this.bridgeMac =
        String.format(
            "02:70:%02x:%02x:%02x:%02x",
            (hash >>> 24) & 0xff, (hash >>> 16) & 0xff, (hash >>> 8) & 0xff, hash & 0xff);
  }

  /** Why namespaces cannot be used here, or empty when they can (root, iproute2, /run/netns). */
  public static String unusableReason() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "network namespaces need root (running as " + System.getProperty("user.name") + ")";
    }
    String probe = "pgfleet-probe-" + ProcessHandle.current().pid();
    IpCommands.Result add = IpCommands.probe("ip", "netns", "add", probe);
    IpCommands.probe("ip", "netns", "del", probe);
    if (add.exitCode() != 0) {
      return "'ip netns add' does not work here: " + add.out();
    }
    return Files.isExecutable(Path.of(NSENTER)) ? "" : NSENTER + " is missing";
  }

  public static String namespace(String address) {
    return "pgfleet-" + address;
  }

  @Override
  public List<String> commandPrefix(String address) {
    return List.of(NSENTER, "--net=" + NETNS_DIR + "/" + namespace(address), "--");
  }

  @Override
  public synchronized void attach(String address) {
    String ns = namespace(address);
    String hostLink = hostLink(address);
    ensureBridge();
    if (Files.exists(Path.of(NETNS_DIR, ns)) && linkExists(hostLink)) {
      attached.add(address);
      return;
    }
    detach(address); // remnants of a crashed run: this cloud holds the address's lease now
    IpCommands.run("ip", "netns", "add", ns);
    attached.add(address);
    IpCommands.run(
        "ip", "link", "add", hostLink, "type", "veth", "peer", "name", VM_LINK, "netns", ns);
    IpCommands.run("ip", "link", "set", hostLink, "master", bridge, "up");
    IpCommands.run(
        IpCommands.inNamespace(
            ns,
            "sysctl",
            "-qw",
            "net.ipv4.conf.all.route_localnet=1",
            "net.ipv4.conf." + VM_LINK + ".route_localnet=1",
            "net.ipv4.conf.all.rp_filter=0",
            "net.ipv4.conf." + VM_LINK + ".rp_filter=0"));
    IpCommands.run("ip", "-n", ns, "addr", "add", address + "/8", "dev", VM_LINK);
    IpCommands.run("ip", "-n", ns, "link", "set", VM_LINK, "up");
    IpCommands.run("ip", "-n", ns, "link", "set", "lo", "up");
    // Without this, 127.0.0.0/8 would be local inside the namespace and nothing would leave it.
    IpCommands.run("ip", "-n", ns, "addr", "del", "127.0.0.1/8", "dev", "lo");
    IpCommands.run(
        "ip",
        "route",
        "replace",
        address + "/32",
        "dev",
        bridge,
        "table",
        "local",
        "src",
        "127.0.0.1");
    LOG.info(
        "VM address {} has network namespace {} (link {} on {})", address, ns, hostLink, bridge);
  }

  @Override
  public synchronized void detach(String address) {
    IpCommands.probe("ip", "route", "del", address + "/32", "table", "local");
    IpCommands.probe("ip", "link", "del", hostLink(address));
    IpCommands.probe("ip", "netns", "del", namespace(address));
    attached.remove(address);
  }

  @Override
  public synchronized void partition(String address) {
    requireAttached(address);
    IpCommands.run("ip", "link", "set", hostLink(address), "down");
    LOG.info("Partitioned VM address {}", address);
  }

  @Override
  public synchronized void heal(String address) {
    requireAttached(address);
    IpCommands.run("ip", "link", "set", hostLink(address), "up");
    LOG.info("Healed the partition of VM address {}", address);
  }

  @Override
  public synchronized void close() {
    for (String address : List.copyOf(attached)) {
      detach(address);
    }
    IpCommands.probe("ip", "link", "del", bridge);
  }

  private void ensureBridge() {
    if (!linkExists(bridge)) {
      IpCommands.run("ip", "link", "add", bridge, "address", bridgeMac, "type", "bridge");
    }
    IpCommands.run("ip", "link", "set", bridge, "up");
    IpCommands.run(
        "sysctl",
        "-qw",
        "net.ipv4.conf." + bridge + ".route_localnet=1",
        "net.ipv4.conf." + bridge + ".rp_filter=0");
  }

  private void requireAttached(String address) {
    if (!linkExists(hostLink(address))) {
      throw new IllegalStateException("VM address " + address + " has no network namespace");
    }
  }

  private static boolean linkExists(String name) {
    return Files.exists(Path.of("/sys/class/net", name));
  }

  /** {@code pgfh} and the address's last two bytes in hex: unique per address, within 15 chars. */
  static String hostLink(String address) {
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("Not an address: " + address, e);
    }
    if (bytes.length != 4 || bytes[0] != 127 || bytes[1] != 0) {
      throw new IllegalArgumentException("VM addresses are 127.0.x.y, not " + address);
    }
    return String.format("pgfh%02x%02x", bytes[2] & 0xff, bytes[3] & 0xff);
  }
}
