package io.pgfleet.workflows.bosh;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Renders BOSH deployment manifests. An activity, not workflow code, because the result depends on
 * the worker's configuration (release and stemcell versions, networks, AZs, the Temporal address
 * the node agents use). Pure: the same input and configuration give the same manifest.
 */
@ActivityInterface
public interface ManifestActivities {

  @ActivityMethod(name = "Manifest.renderCluster")
  String renderCluster(ClusterManifestInput input);
}
