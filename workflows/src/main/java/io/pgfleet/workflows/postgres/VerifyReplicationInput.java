package io.pgfleet.workflows.postgres;

import java.util.List;

/**
 * @param pgpools host:port of each pgpool; a marker row is written through each
 * @param standby the standby that must replay every marker
 * @param replayWaitMillis how long to wait for the standby per marker
 */
public record VerifyReplicationInput(
    List<String> pgpools,
    PostgresEndpoint standby,
    String superuserPassword,
    long replayWaitMillis) {

  @Override
  public String toString() {
    return "VerifyReplicationInput[pgpools=" + pgpools + ", standby=" + standby + "]";
  }
}
