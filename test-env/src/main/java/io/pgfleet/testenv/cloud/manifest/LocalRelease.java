package io.pgfleet.testenv.cloud.manifest;

import java.util.Set;

/** The only release "uploaded" to the local Director, and the jobs it contains. */
public final class LocalRelease {

  public static final String NAME = "pgfleet";
  public static final String NODE_AGENT_JOB = "node-agent";
  public static final Set<String> JOBS = Set.of(NODE_AGENT_JOB);

  private LocalRelease() {}
}
