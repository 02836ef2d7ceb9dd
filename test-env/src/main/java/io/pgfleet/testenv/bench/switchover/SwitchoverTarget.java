package io.pgfleet.testenv.bench.switchover;

import io.pgfleet.testenv.bench.failover.ProbeEndpoint;

/**
 * A system under test: a running two-node cluster behind a {@link ProbeEndpoint} that can switch
 * its primary and standby on request. Closing it removes everything it started.
 */
public interface SwitchoverTarget extends AutoCloseable {

  /** The JSON key prefix: pgfleet or patroni. */
  String system();

  /** Brings the cluster up (once, before the first run). */
  void prepare() throws Exception;

  ProbeEndpoint endpoint();

  /** Asks for a planned switchover and returns once the system reports it done. */
  Switch switchover() throws Exception;

  /**
   * Waits until the cluster is whole again (old primary streaming from the new one), so the next
   * run starts from the same shape with the roles swapped.
   *
   * @return what healing took, for the progress line
   */
  String awaitWhole() throws Exception;

  /**
   * @param startMillis epoch ms just before the request was sent
   * @param doneMillis epoch ms when the system reported the switchover done
   * @param detail from, to and how, for the progress line
   */
  record Switch(long startMillis, long doneMillis, String detail) {}
}
