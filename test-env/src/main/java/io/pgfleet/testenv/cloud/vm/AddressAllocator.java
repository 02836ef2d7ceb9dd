package io.pgfleet.testenv.cloud.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out VM addresses 127.0.x.y (x ≥ 1, y in 1..254): the Director keeps 127.0.0.x. An address
 * is free when no instance of this Director has it, no other local cloud on the machine holds a
 * lease on it (a file in a shared lease directory naming the owner's state directory), and nothing
 * listens on it. Leases of local clouds whose state is gone are taken over.
 */
public final class AddressAllocator {

  private static final Logger LOG = LoggerFactory.getLogger(AddressAllocator.class);
  private static final int MAX_OCTET = 254;

  private final Path leaseDir;
  private final String owner;
  private final ListeningSockets listening;

  /**
   * @param leaseDir machine-wide lease directory shared by every local cloud
   * @param stateDir this Director's state directory, written into its leases
   */
  public AddressAllocator(Path leaseDir, Path stateDir, ListeningSockets listening) {
    this.leaseDir = leaseDir;
    this.owner = stateDir.toAbsolutePath().normalize().toString();
    this.listening = listening;
  }

  /** Picks a free address and leases it; {@code inUse} are this Director's own addresses. */
  public synchronized String allocate(Set<String> inUse) {
    for (int x = 1; x <= MAX_OCTET; x++) {
      for (int y = 1; y <= MAX_OCTET; y++) {
        String address = "127.0." + x + "." + y;
        if (!inUse.contains(address) && !listening.isListening(address) && lease(address)) {
          return address;
        }
      }
    }
    throw new IllegalStateException("No free loopback address left in 127.0.1.1-127.0.254.254");
  }

  /** Re-takes the lease of an address this Director already uses (after a restart). */
  public synchronized void claim(String address) {
    if (!lease(address)) {
      LOG.warn("Address {} of this local cloud is leased by another local cloud", address);
    }
  }

  public synchronized void release(String address) {
    Path lease = leaseDir.resolve(address);
    try {
      if (owner.equals(readOwner(lease))) {
        Files.deleteIfExists(lease);
      }
    } catch (IOException e) {
      LOG.warn("Cannot release lease {}", lease, e);
    }
  }

  private boolean lease(String address) {
    Path lease = leaseDir.resolve(address);
    try {
      Files.createDirectories(leaseDir);
      try {
        Files.writeString(
            lease, owner, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
        return true;
      } catch (FileAlreadyExistsException e) {
        String holder = readOwner(lease);
        if (owner.equals(holder)) {
          return true;
        }
        if (holder != null && ownerIsAlive(holder)) {
          return false;
        }
        LOG.info("Taking over stale lease of {} from {}", address, holder);
        Files.writeString(lease, owner, StandardCharsets.UTF_8);
        return true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lease address " + address + " in " + leaseDir, e);
    }
  }

  private static String readOwner(Path lease) throws IOException {
    try {
      return Files.readString(lease, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** A lease is stale once its owner's Director state is gone (its temp dir was deleted). */
  private static boolean ownerIsAlive(String holder) {
    return Files.exists(Path.of(holder).resolve("director.json"));
  }
}
