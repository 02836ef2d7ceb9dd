package io.pgfleet.testenv.cloud.vm;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The unprivileged user that owns local VMs. PostgreSQL refuses to run as root, so when the local
 * cloud runs as root it creates this system user (if missing) and hands it every VM and disk
 * directory; when it does not run as root, VMs belong to the current user and nothing switches.
 */
public final class VmUser {

  /** useradd exits 9 when the user already exists (a parallel local cloud created it first). */
  private static final int USERADD_EXISTS = 9;

  private static final long USERADD_TIMEOUT_SECONDS = 30;

  private final String name;

  private VmUser(String name) {
    this.name = name;
  }

  /** The VM user when running as root (created if missing), else a no-op owner. */
  public static VmUser resolve(String name) throws IOException {
    if (!isRoot()) {
      return new VmUser(null);
    }
    if (!exists(name)) {
      create(name);
    }
    return new VmUser(name);
  }

  public static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** The user PostgreSQL and pgpool run as, or null when there is no switching. */
  public String name() {
    return name;
  }

  /** Gives a directory tree to the VM user. */
  public void own(Path dir) throws IOException {
    if (name == null) {
      return;
    }
    UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
    UserPrincipal user = lookup.lookupPrincipalByName(name);
    GroupPrincipal group = group(lookup);
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        PosixFileAttributeView view =
            Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(user);
        if (group != null) {
          view.setGroup(group);
        }
      }
    }
  }

  private GroupPrincipal group(UserPrincipalLookupService lookup) throws IOException {
    try {
      return lookup.lookupPrincipalByGroupName(name);
    } catch (UserPrincipalNotFoundException e) {
      return null;
    }
  }

  private static boolean exists(String name) throws IOException {
    try {
      FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
      return true;
    } catch (UserPrincipalNotFoundException e) {
      return false;
    }
  }

  private static void create(String name) throws IOException {
    Process useradd =
        new ProcessBuilder(
                "useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name)
            .redirectErrorStream(true)
            .start();
    try {
      if (!useradd.waitFor(USERADD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        useradd.destroyForcibly();
        throw new IOException("useradd " + name + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while creating VM user " + name, e);
    }
    int exit = useradd.exitValue();
    if (exit != 0 && exit != USERADD_EXISTS) {
      String output = new String(useradd.getInputStream().readAllBytes()).trim();
      throw new IOException("useradd " + name + " failed (exit " + exit + "): " + output);
    }
  }
}
