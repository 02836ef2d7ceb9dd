package io.pgfleet.testenv.cloud.manifest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a BOSH deployment manifest the local cloud acts on. Unknown keys (variables,
 * features, addons …) are accepted and ignored, as a Director without those features would.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
    String name,
    List<Release> releases,
    List<Stemcell> stemcells,
    Update update,
    List<InstanceGroup> instanceGroups) {

  public Manifest {
    releases = releases == null ? List.of() : releases;
    stemcells = stemcells == null ? List.of() : stemcells;
    instanceGroups = instanceGroups == null ? List.of() : instanceGroups;
  }

  public Optional<InstanceGroup> instanceGroup(String groupName) {
    return instanceGroups.stream().filter(g -> groupName.equals(g.name())).findFirst();
  }

  /** How many instances of a group are updated first: the manifest's canaries, else 1. */
  public int canaries() {
    if (update == null || update.canaries() == null) {
      return 1;
    }
    try {
      return Integer.parseInt(update.canaries().toString().trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Release(String name, Object version) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Stemcell(String alias, String os, String name, Object version) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Update(Object canaries, Object maxInFlight) {}

  /**
   * @param persistentDisk size in MiB
   * @param persistentDiskType a disk type name; without a cloud config any name is accepted
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record InstanceGroup(
      String name,
      Integer instances,
      List<String> azs,
      String vmType,
      Integer persistentDisk,
      String persistentDiskType,
      List<Network> networks,
      List<Job> jobs) {

    public InstanceGroup {
      azs = azs == null ? List.of() : azs;
      networks = networks == null ? List.of() : networks;
    }

    public boolean hasPersistentDisk() {
      return (persistentDisk != null && persistentDisk > 0) || persistentDiskType != null;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Network(String name) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Job(String name, String release, Map<String, Object> properties) {

    public Job {
      properties = properties == null ? Map.of() : properties;
    }
  }
}
