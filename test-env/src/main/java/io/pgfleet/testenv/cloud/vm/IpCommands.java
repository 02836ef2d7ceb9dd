package io.pgfleet.testenv.cloud.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ip}, {@code sysctl} and friends for {@link NamespaceNetwork}, bounded in time. */
final class IpCommands {

  /** Each is a netlink call; seconds mean the host is in trouble. */
  private static final long TIMEOUT_SECONDS = 10;

  private IpCommands() {}

  /** Runs the command; a non-zero exit fails with its output. */
  static void run(String... argv) {
    Result result = probe(argv);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "'"
              + String.join(" ", argv)
              + "' exited with "
              + result.exitCode()
              + ": "
              + result.out());
    }
  }

  /** Runs the command and answers how it ended (for cleanup, where "not there" is fine). */
  static Result probe(String... argv) {
    ProcessBuilder builder = new ProcessBuilder(List.of(argv)).redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("'" + String.join(" ", argv) + "' timed out");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run '" + String.join(" ", argv) + "'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: '" + String.join(" ", argv) + "'", e);
    }
  }

  /** {@code ip netns exec <ns> argv…}. */
  static String[] inNamespace(String namespace, String... argv) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    all.addAll(List.of(argv));
    return all.toArray(String[]::new);
  }

  record Result(int exitCode, String out) {}
}
