package io.pgfleet.activities.bosh;

import java.util.List;

/** One entry of {@code GET /deployments}; {@code locked} only when asked for, else null. */
public record BoshDeployment(
    String name,
    String cloudConfig,
    List<NameVersion> releases,
    List<NameVersion> stemcells,
    Boolean locked) {

  public record NameVersion(String name, String version) {}
}
