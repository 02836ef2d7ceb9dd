package io.pgfleet.activities.host;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/** One "VM" for the integration tests: its own loopback address and disk directories. */
record TestVm(HostEnvironment env) {

  static final String SERVICE_USER = "postgres";

  static TestVm create(Path root, String name, String nodeName, String address) {
    String user = HostUsers.agentIsRoot() ? SERVICE_USER : null;
    return new TestVm(
        new HostEnvironment(
            "it-" + name,
            nodeName,
            address,
            root.resolve(name).resolve("store"),
            root.resolve(name).resolve("data"),
            user,
            Path.of("/usr/lib/postgresql/15/bin"),
            Path.of("/usr/sbin/pgpool"),
            5432,
            9999,
            9898));
  }

  /** A 127.x.y.0/24 block nobody listens in, so parallel test runs don't collide. */
  static String freeLoopbackPrefix() {
    for (int attempt = 0; attempt < 50; attempt++) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      String prefix = "127." + random.nextInt(100, 250) + "." + random.nextInt(1, 250) + ".";
      if (!listening(prefix + "2", 5432) && !listening(prefix + "4", 9999)) {
        return prefix;
      }
    }
    throw new IllegalStateException("no free loopback block found");
  }

  static boolean listening(String address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  HostLayout layout() {
    return new HostLayout(env);
  }

  OptionalLong recordedPid(String process) {
    return new PidFiles(layout(), new HostFiles(env)).read(process);
  }

  String jdbcUrl(int port) {
    return "jdbc:postgresql://" + env.address() + ":" + port + "/postgres?sslmode=disable";
  }

  /** What the cloud relies on to find a VM's processes: the marker in their environment. */
  String environOf(long pid) throws IOException {
    return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")))
        .replace('\0', '\n');
  }

  /** Test cleanup: immediate stop of PostgreSQL and SIGKILL of pgpool and its children. */
  void killAll() {
    if (Files.exists(layout().pgData().resolve("postmaster.pid"))) {
      new HostCommandRunner(env)
          .probe(
              HostCommand.of(
                  java.time.Duration.ofSeconds(30),
                  env.postgresTool("pg_ctl"),
                  "stop",
                  "-D",
                  layout().pgData().toString(),
                  "-m",
                  "immediate"));
    }
    HostFiles.read(layout().pgpoolDir().resolve("pgpool.pid"))
        .flatMap(text -> ProcessProbe.parsePid(text.strip()))
        .ifPresent(ProcessProbe::kill);
  }
}
