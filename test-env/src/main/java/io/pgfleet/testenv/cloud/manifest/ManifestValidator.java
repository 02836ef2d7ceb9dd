package io.pgfleet.testenv.cloud.manifest;

import io.pgfleet.testenv.cloud.DirectorError;
import io.pgfleet.testenv.cloud.manifest.Manifest.InstanceGroup;
import io.pgfleet.testenv.cloud.manifest.Manifest.Job;
import java.util.HashSet;
import java.util.Set;

/**
 * The semantic checks the Director's planner makes while "Preparing deployment". Each failure is a
 * {@link DirectorError} with BOSH's code for it; the deploy task fails before anything is created.
 */
public final class ManifestValidator {

  private ManifestValidator() {}

  public static void validate(Manifest manifest) {
    Set<String> releases = new HashSet<>();
    for (Manifest.Release release : manifest.releases()) {
      if (release == null || release.name() == null) {
        throw missing("name", "release");
      }
      if (!LocalRelease.NAME.equals(release.name())) {
        throw new DirectorError(
            DirectorError.RELEASE_NOT_FOUND, 404, "Release '" + release.name() + "' doesn't exist");
      }
      releases.add(release.name());
    }
    Set<String> groups = new HashSet<>();
    for (InstanceGroup group : manifest.instanceGroups()) {
      validateGroup(group, releases);
      if (!groups.add(group.name())) {
        throw DirectorError.inTask(
            DirectorError.DUPLICATE_INSTANCE_GROUP,
            "Invalid instance group name '" + group.name() + "', canonical name already taken");
      }
    }
  }

  private static void validateGroup(InstanceGroup group, Set<String> releases) {
    if (group == null || group.name() == null) {
      throw missing("name", "instance group");
    }
    String name = group.name();
    if (group.instances() == null) {
      throw missing("instances", "instance group '" + name + "'");
    }
    if (group.instances() < 0) {
      throw DirectorError.inTask(
          DirectorError.VIOLATED_MIN,
          "Instance group '" + name + "' has " + group.instances() + " instances, minimum is 0");
    }
    if (group.networks().isEmpty()) {
      throw DirectorError.inTask(
          DirectorError.MISSING_NETWORK,
          "Instance group '" + name + "' must specify at least one network");
    }
    if (group.persistentDisk() != null && group.persistentDisk() < 0) {
      throw DirectorError.inTask(
          DirectorError.INVALID_DISK,
          "Instance group '" + name + "' references an invalid persistent disk size");
    }
    if (group.jobs() == null) {
      throw missing("jobs", "instance group '" + name + "'");
    }
    if (group.jobs().isEmpty()) {
      throw DirectorError.inTask(
          DirectorError.INVALID_JOBS,
          "Instance group '" + name + "' must specify at least one job");
    }
    for (Job job : group.jobs()) {
      validateJob(name, job, releases);
    }
  }

  private static void validateJob(String group, Job job, Set<String> releases) {
    if (job == null || job.name() == null) {
      throw missing("name", "job of instance group '" + group + "'");
    }
    String release = job.release();
    if (release == null && releases.size() != 1) {
      throw DirectorError.inTask(
          DirectorError.INSTANCE_GROUP_MISSING_RELEASE,
          "Cannot tell what release job '"
              + job.name()
              + "' is supposed to use,"
              + " please explicitly specify one");
    }
    if (release != null && !releases.contains(release)) {
      throw DirectorError.inTask(
          DirectorError.INSTANCE_GROUP_UNKNOWN_RELEASE,
          "Job '"
              + job.name()
              + "' (instance group '"
              + group
              + "') references an unknown release '"
              + release
              + "'");
    }
    if (!LocalRelease.JOBS.contains(job.name())) {
      throw DirectorError.inTask(DirectorError.UNKNOWN_JOB, "Can't find job '" + job.name() + "'");
    }
  }

  private static DirectorError missing(String property, String object) {
    return DirectorError.inTask(
        DirectorError.MISSING_FIELD,
        "Required property '" + property + "' was not specified in object (" + object + ")");
  }
}
