package io.pgfleet.testenv.bench.failover;

/**
 * A system under test: a running two-node cluster behind a {@link ProbeEndpoint} whose primary can
 * be killed and which heals itself afterwards. Closing it removes everything it started.
 */
public interface FailoverTarget extends AutoCloseable {

  /** The JSON key prefix: pgfleet, patroni_default, patroni_tuned. */
  String system();

  /** Brings the cluster up (once, before the first run). */
  void prepare() throws Exception;

  ProbeEndpoint endpoint();

  /** Kills the primary's "VM": every process of that node, by pid, with SIGKILL. */
  Kill killPrimary() throws Exception;

  /**
   * Waits until the cluster is whole again (the killed node back as a streaming standby), so the
   * next run starts from the same shape.
   *
   * @throws Exception when it does not heal in time: the remaining runs of this system are skipped
   */
  Restoration restore(Kill kill) throws Exception;

  /**
   * @param startMillis epoch ms just before the first signal
   * @param doneMillis epoch ms when no process of the victim was left
   * @param victim what was killed, for the progress line
   */
  record Kill(long startMillis, long doneMillis, String victim) {}

  /**
   * @param fencingProven null for systems that do not fence
   * @param detail what healing took, for the progress line
   */
  record Restoration(Boolean fencingProven, String detail) {}
}
